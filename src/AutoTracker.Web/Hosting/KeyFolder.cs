namespace AutoTracker.Hosting;

/// <summary>The folder of the Data Protection key ring, which signs and encrypts the sign-in and antiforgery cookies.</summary>
public static class KeyFolder
{
    /// <summary>
    /// Creates the folder readable only by the account running the app (on Unix), because the keys in it are
    /// stored unencrypted and anyone who reads them can forge a sign-in cookie.
    /// </summary>
    public static DirectoryInfo Create(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(fullPath);
        }

        var folder = Directory.CreateDirectory(fullPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(fullPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }
}
