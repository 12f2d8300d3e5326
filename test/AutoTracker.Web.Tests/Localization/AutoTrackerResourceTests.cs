using System.Text.RegularExpressions;
using System.Xml.Linq;
using AutoTracker.Localization;
using AutoTracker.Pages.Vehicles;
using AutoTracker.Vehicles;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutoTracker.Web.Localization;

/// <summary>
/// Checks that AutoTrackerResource.resx contains every string the pages look up, and that ASP.NET Core
/// localization finds the compiled resource. A missing key would not fail at run time: the localizer
/// would quietly show the key itself.
/// </summary>
public sealed partial class AutoTrackerResourceTests
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();

    private static readonly string ResxPath =
        Path.Combine(RepositoryRoot, "src", "AutoTracker.Domain.Shared", "Localization", "AutoTrackerResource.resx");

    [Fact]
    public void Resx_ContainsEveryPageKey()
    {
        var resourceKeys = ReadResxKeys();
        var pagesFolder = Path.Combine(RepositoryRoot, "src", "AutoTracker.Web", "Pages");
        var sources = Directory.EnumerateFiles(pagesFolder, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(pagesFolder, "*.cs", SearchOption.AllDirectories));

        var missing = new List<string>();
        var found = 0;
        foreach (var file in sources)
        {
            foreach (Match match in LocalizerLookup().Matches(File.ReadAllText(file)))
            {
                found++;
                var key = Regex.Unescape(match.Groups["key"].Value);
                if (!resourceKeys.Contains(key))
                {
                    missing.Add($"{Path.GetRelativePath(RepositoryRoot, file)}: \"{key}\"");
                }
            }
        }

        found.ShouldBeGreaterThan(100, "the scan found almost no localizer lookups, so its pattern no longer matches the pages");
        missing.ShouldBeEmpty("add these keys to AutoTrackerResource.resx, with the English text as the value");
    }

    [Fact]
    public void Resx_ContainsEnumDisplayNames()
    {
        var resourceKeys = ReadResxKeys();
        var enumTypes = EnumDisplayNames.Types.Append(typeof(VehicleSortField));

        foreach (var type in enumTypes)
        {
            foreach (Enum value in Enum.GetValues(type))
            {
                var key = LocalizerExtensions.DisplayKey(value);
                resourceKeys.ShouldContain(key, $"{type.Name}.{value}");
            }
        }

        foreach (var unit in Enum.GetValues<MeterUnit>())
        {
            resourceKeys.ShouldContain(EnumDisplayNames.Symbol(unit), $"symbol of MeterUnit.{unit}");
        }

        foreach (var unit in Enum.GetValues<FuelUnit>())
        {
            resourceKeys.ShouldContain(EnumDisplayNames.Symbol(unit), $"symbol of FuelUnit.{unit}");
        }
    }

    [Fact]
    public void Resx_ContainsVinRegionNames()
    {
        var resourceKeys = ReadResxKeys();

        foreach (var region in VehicleDisplay.VinRegionNames)
        {
            resourceKeys.ShouldContain(region);
        }
    }

    [Fact]
    public void Resx_ContainsPermissionDisplayNames()
    {
        var resourceKeys = ReadResxKeys();
        var definitions = new Authorization.PermissionDefinitionManager([new Permissions.AutoTrackerPermissionDefinitionProvider()]);

        foreach (var group in definitions.Groups)
        {
            resourceKeys.ShouldContain(group.DisplayNameKey, group.Name);
        }

        foreach (var permission in definitions.All)
        {
            resourceKeys.ShouldContain(permission.DisplayNameKey, permission.Name);
        }
    }

    [Fact]
    public void Resx_ContainsSettingNamesAndGroups()
    {
        var resourceKeys = ReadResxKeys();

        // The settings pages look these up by value, which the page key scan cannot see.
        foreach (var definition in AutoTracker.Settings.SettingDefinitions.All)
        {
            resourceKeys.ShouldContain(definition.DisplayName);
        }

        foreach (var group in Enum.GetNames<AutoTracker.Settings.SettingGroup>())
        {
            resourceKeys.ShouldContain(group);
        }
    }

    [Fact]
    public void ManifestResource_MatchesMarkerType()
    {
        var assembly = typeof(AutoTrackerResource).Assembly;

        assembly.GetManifestResourceNames().ShouldContain($"{typeof(AutoTrackerResource).FullName}.resources");
    }

    [Fact]
    public void Localizer_FindsResourceStrings()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
        var localizer = factory.Create(typeof(AutoTrackerResource));

        var vehicles = localizer["Vehicles"];
        var outOfService = localizer["Out of service"];

        vehicles.ResourceNotFound.ShouldBeFalse($"looked up under {vehicles.SearchedLocation}");
        vehicles.Value.ShouldBe("Vehicles");
        outOfService.ResourceNotFound.ShouldBeFalse($"looked up under {outOfService.SearchedLocation}");
    }

    /// <summary>Matches L["…"] in views and localizer["…"] in page models. The other tests check the keys built at run time.</summary>
    [GeneratedRegex(@"\b(?:L|localizer|Localizer)\[\s*""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerLookup();

    private static HashSet<string> ReadResxKeys() =>
        XDocument.Load(ResxPath).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AutoTracker.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"AutoTracker.sln was not found above {AppContext.BaseDirectory}; the test reads the page sources from the repository.");
    }
}
