using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace AutoTracker.BrowserTests;

/// <summary>
/// A browser context of its own (cookies included) with one page, which records what no test expects to see:
/// JavaScript dialogs, Content-Security-Policy violations and uncaught script errors.
/// </summary>
/// <remarks>
/// Playwright raises page events on its own threads, and an exception thrown in an event handler does not
/// fail the test, so the handlers only record. Each test asserts the records with <see cref="ShouldHaveNoPageProblems"/>.
/// </remarks>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _dialogs = new();
    private readonly ConcurrentQueue<string> _cspViolations = new();
    private readonly ConcurrentQueue<string> _scriptErrors = new();

    private BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Dialog += OnDialog;
        page.Console += OnConsole;
        page.PageError += (_, error) => _scriptErrors.Enqueue(error);
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Dialogs (alert, confirm, prompt, beforeunload) that a page opened, as "type: message". Each one was dismissed.</summary>
    public IReadOnlyList<string> Dialogs => [.. _dialogs];

    /// <summary>Console errors in which Chromium reports a blocked script, style or other resource under the Content-Security-Policy.</summary>
    public IReadOnlyList<string> CspViolations => [.. _cspViolations];

    /// <summary>Uncaught exceptions thrown by the pages' scripts.</summary>
    public IReadOnlyList<string> ScriptErrors => [.. _scriptErrors];

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, string baseUrl)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });

        // CI shares two cores between the app, Chromium and the test runner; Playwright's 30 s default was seen to run out.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        try
        {
            var page = await context.NewPageAsync();
            return new BrowserSession(context, page);
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>Asserts that no page of this session opened a dialog, broke the Content-Security-Policy or threw a script error.</summary>
    public void ShouldHaveNoPageProblems()
    {
        Dialogs.ShouldBeEmpty("A page opened a JavaScript dialog, which means injected or unexpected script ran.");
        CspViolations.ShouldBeEmpty("The browser blocked something under the Content-Security-Policy, such as an inline script or an inline style.");
        ScriptErrors.ShouldBeEmpty("A page script threw an uncaught exception.");
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
    }

    private async void OnDialog(object? sender, IDialog dialog)
    {
        _dialogs.Enqueue($"{dialog.Type}: {dialog.Message}");

        // A dialog left open blocks the page's script until the test times out.
        try
        {
            await dialog.DismissAsync();
        }
        catch (PlaywrightException)
        {
            // The page was closed first. The dialog is recorded, which is what the test asserts.
        }
    }

    private void OnConsole(object? sender, IConsoleMessage message)
    {
        if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
        {
            _cspViolations.Enqueue(message.Text);
        }
    }
}
