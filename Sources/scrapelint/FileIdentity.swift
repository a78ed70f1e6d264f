import Foundation

/// What makes two paths the same file: device and inode when it exists, else its resolved path (the
/// resolved folder and the name), so that an output not yet created can be compared with the inputs too.
struct FileIdentity: Hashable {
    private let device: UInt64
    private let inode: UInt64
    private let resolved: String?

    init(_ info: stat) {
        self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), resolved: nil)
    }

    private init(device: UInt64, inode: UInt64, resolved: String?) {
        self.device = device
        self.inode = inode
        self.resolved = resolved
    }

    init(_ path: String) {
        var info = stat()
        if stat(path, &info) == 0 {
            self.init(info)
            return
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        self.init(device: 0, inode: 0, resolved: (InputWalker.resolved(folder) ?? folder) + "/" + url.lastPathComponent)
    }
}
