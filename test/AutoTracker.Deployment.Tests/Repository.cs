namespace AutoTracker.Deployment;

/// <summary>Files of the repository under test, found by walking up from the test's output folder to AutoTracker.sln.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Returns the full path of a file given relative to the repository root with forward slashes.</summary>
    public static string PathOf(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AutoTracker.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("AutoTracker.sln was not found above the test folder.");
    }
}
