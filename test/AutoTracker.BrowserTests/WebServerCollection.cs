namespace AutoTracker.BrowserTests;

/// <summary>
/// The browser test classes, which share one <see cref="WebServerFixture"/> (one web app process and one
/// Chromium) and therefore run one after another. Each test uses its own browser context and its own vehicles.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebServerCollection : ICollectionFixture<WebServerFixture>
{
    public const string Name = "Web server";
}
