using AutoTracker.EntityFrameworkCore;

namespace AutoTracker.EntityFrameworkCore.Sqlite;

/// <summary>
/// Checks the file of a tenant's SQLite database: where it really is, with every symbolic link resolved, and that
/// it is a SQLite database or not there yet.
/// </summary>
internal static class SqliteDatabaseFile
{
    // Linux stops following links after 40 (MAXSYMLINKS); a longer chain is a loop.
    private const int MaxLinksFollowed = 40;

    // The 16 bytes that begin every SQLite 3 database file.
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    // Kernel and device file systems, where a "file" can be a device, another process's memory or the root folder.
    private static readonly string[] ForbiddenRoots = ["/proc", "/sys", "/dev"];

    /// <summary>
    /// Returns the real path of <paramref name="dataSource"/>. Throws <see cref="TenantConnectionStringException"/>
    /// when it lies under /proc, /sys or /dev, or names something other than a SQLite database file.
    /// </summary>
    public static string Check(string dataSource)
    {
        var path = ResolveRealPath(dataSource);
        if (ForbiddenRoots.Any(root => path == root || path.StartsWith(root + "/", StringComparison.Ordinal)))
        {
            throw new TenantConnectionStringException("Data Source must not be under /proc, /sys or /dev. Name a file in a folder for application data.");
        }

        if (Directory.Exists(path))
        {
            throw new TenantConnectionStringException("Data Source names a folder. Name a database file in it.");
        }

        // NOTE: a FIFO or socket outside /dev passes as an empty regular file here, because .NET has no
        // portable call for the file type. Only /dev, where such files usually live, is rejected.
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return path;
        }

        if (file.Length > 0 && !HasSqliteHeader(path))
        {
            throw new TenantConnectionStringException("Data Source names a file that is not a SQLite database. Name a new file or a SQLite database.");
        }

        return path;
    }

    /// <summary>
    /// Resolves every symbolic link in the path, component by component, as realpath(3) does. A component that does
    /// not exist is not a link, so the rest of the path is kept as written.
    /// </summary>
    public static string ResolveRealPath(string path)
    {
        // ".." is resolved after the link before it, not by text, so Path.GetFullPath is not used.
        var absolute = Path.IsPathRooted(path) ? path : Path.Join(Environment.CurrentDirectory, path);
        var pending = new List<string>(SplitComponents(absolute));
        var current = "/";
        var linksFollowed = 0;
        while (pending.Count > 0)
        {
            var component = pending[0];
            pending.RemoveAt(0);
            if (component == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = Path.Join(current, component);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++linksFollowed > MaxLinksFollowed)
            {
                throw new TenantConnectionStringException("Data Source goes through too many symbolic links.");
            }

            if (Path.IsPathRooted(target))
            {
                current = "/";
            }

            pending.InsertRange(0, SplitComponents(target));
        }

        return current;
    }

    private static IEnumerable<string> SplitComponents(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(component => component != ".");

    private static bool HasSqliteHeader(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var start = new byte[Header.Length];
            return stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.AsSpan().SequenceEqual(Header);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TenantConnectionStringException("The database file cannot be read. Check that the application may read and write it.");
        }
    }
}
