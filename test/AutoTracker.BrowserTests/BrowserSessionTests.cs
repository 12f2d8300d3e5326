namespace AutoTracker.BrowserTests;

/// <summary>
/// The problems that <see cref="BrowserSession.ShouldHaveNoPageProblems"/> asserts are really recorded, so the
/// other tests' empty lists mean something. Each test causes one problem on the app's sign-in page, under the
/// app's own Content-Security-Policy.
/// </summary>
[Collection(WebServerCollection.Name)]
public sealed class BrowserSessionTests(WebServerFixture server)
{
    [Fact]
    public async Task Session_InjectedInlineHandler_RecordsCspViolation()
    {
        await using var session = await server.NewSessionAsync();
        await session.Page.GotoAsync("/Account/Login");

        await session.Page.EvaluateAsync("() => document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=alert(1)>')");

        var violations = await WaitForAsync(() => session.CspViolations);
        violations.ShouldContain(text => text.Contains("inline event handler", StringComparison.Ordinal));
        session.Dialogs.ShouldBeEmpty("The policy must have blocked the handler before it opened a dialog.");
    }

    [Fact]
    public async Task Session_AlertFromPage_RecordsAndDismissesDialog()
    {
        await using var session = await server.NewSessionAsync();
        await session.Page.GotoAsync("/Account/Login");

        // Returns only once the dialog is dismissed, so a missing dismissal fails here with a timeout.
        await session.Page.EvaluateAsync("() => window.alert('probe')");

        session.Dialogs.ShouldBe(["alert: probe"]);
    }

    [Fact]
    public async Task Session_UncaughtScriptError_RecordsError()
    {
        await using var session = await server.NewSessionAsync();
        await session.Page.GotoAsync("/Account/Login");

        await session.Page.EvaluateAsync("() => { setTimeout(() => { throw new Error('probe'); }, 0); }");

        var errors = await WaitForAsync(() => session.ScriptErrors);
        errors.ShouldContain(text => text.Contains("probe", StringComparison.Ordinal));
    }

    /// <summary>Polls <paramref name="read"/> until it returns a non-empty list or five seconds have passed, and returns its last result.</summary>
    private static async Task<IReadOnlyList<string>> WaitForAsync(Func<IReadOnlyList<string>> read)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var result = read();
        while (result.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            result = read();
        }

        return result;
    }
}
