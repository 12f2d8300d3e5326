using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AutoTracker.BrowserTests;

/// <summary>Steps on the vehicle pages that several test classes share, done through the pages' forms as a user does them.</summary>
public static partial class VehiclePages
{
    /// <summary>
    /// Submits the form marked <paramref name="formTestId"/> and waits until the browser is on a URL that
    /// <paramref name="expectedUrl"/> accepts, which the pages reach only by redirecting after a successful save.
    /// </summary>
    /// <exception cref="InvalidOperationException">The form was shown again; the message lists its field and summary errors.</exception>
    public static async Task SubmitAndWaitForRedirectAsync(IPage page, string formTestId, Func<string, bool> expectedUrl)
    {
        var form = page.Locator($"[data-testid={formTestId}]");
        await form.Locator("button[type=submit]").ClickAsync();
        try
        {
            await page.WaitForURLAsync(expectedUrl, new PageWaitForURLOptions { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            var errors = await page.Locator(".field-validation-error, .validation-summary-errors").AllInnerTextsAsync();
            throw new InvalidOperationException(
                $"Submitting the form '{formTestId}' left the browser on {page.Url}. Errors on the page: [{string.Join(" | ", errors)}]");
        }
    }

    /// <summary>Submits the vehicle form of the Add vehicle page and returns the new vehicle's id from the details page URL.</summary>
    public static async Task<Guid> SaveNewVehicleAsync(IPage page)
    {
        await SubmitAndWaitForRedirectAsync(page, "vehicle-form", url => DetailsUrl().IsMatch(url));
        return Guid.Parse(DetailsUrl().Match(page.Url).Groups["id"].Value);
    }

    /// <summary>Searches the vehicle list through its search form and returns the rows shown.</summary>
    public static async Task<ILocator> SearchAsync(IPage page, string search)
    {
        await page.GotoAsync("/Vehicles");
        await page.FillAsync("#Search", search);

        await page.Locator("[data-testid=vehicle-filter] button[type=submit]").ClickAsync();

        // The rows are in the HTML itself, so the document is enough. Waiting for every resource's load event
        // timed out once on a loaded CI machine.
        await page.WaitForURLAsync(
            url => url.Contains("Search=", StringComparison.Ordinal),
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        return page.Locator("[data-testid=vehicle-row]");
    }

    /// <summary>Returns the element's rendered text with each run of white space, line breaks included, reduced to one space.</summary>
    public static async Task<string> NormalizedTextAsync(ILocator locator) =>
        Whitespace().Replace(await locator.InnerTextAsync(), " ").Trim();

    /// <summary>Returns the rendered text of every matching element, white space normalized as in <see cref="NormalizedTextAsync"/>.</summary>
    public static async Task<IReadOnlyList<string>> NormalizedTextsAsync(ILocator locator) =>
        (await locator.AllInnerTextsAsync()).Select(text => Whitespace().Replace(text, " ").Trim()).ToList();

    [GeneratedRegex(@"/Vehicles/Details/(?<id>[0-9a-fA-F-]{36})")]
    private static partial Regex DetailsUrl();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
