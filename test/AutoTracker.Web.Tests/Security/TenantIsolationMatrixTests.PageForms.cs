using System.Net;
using System.Text;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Security;

/// <summary>
/// The page POST handlers that take an id, such as the edit, delete and record forms and the import upload. Each is
/// posted as a form with a valid antiforgery token and a valid body from <see cref="PageForms"/>. The handlers are
/// enumerated from the compiled pages, so a new handler with an id in its route, in its parameters or in a bound
/// property fails <see cref="PageHandlers_EveryIdHandlerHasForm"/> until it gets a form here.
/// </summary>
public sealed partial class TenantIsolationMatrixTests
{
    private const string FuelImportFile = "date,meter,quantity,unit,total_cost\n2025-07-01,5000,40,Liters,60.00\n";

    /// <summary>
    /// A valid form for each page POST handler that takes an id, keyed by "POST route template" and, for a named
    /// handler, "?handler=Name". The argument of <see cref="PageForm.Fields"/> is the concurrency stamp of the record
    /// that the route's last id names. As for <see cref="RequestBodies"/>, <see cref="PageHandlers_OwnIds_Succeed"/>
    /// checks that each form passes validation on the caller's own records.
    /// </summary>
    private static readonly Dictionary<string, PageForm> PageForms = new(StringComparer.Ordinal)
    {
        ["POST Vehicles/Edit/{id:guid}"] = new(stamp => new()
        {
            ["Input.Make"] = "Test",
            ["Input.Model"] = "Changed by another tenant",
            ["Input.MeterUnit"] = "Miles",
            ["Input.ConcurrencyStamp"] = stamp,
        }),
        ["POST Vehicles/Delete/{id:guid}"] = new(_ => []),
        ["POST Vehicles/Details/{id:guid}?handler=DeleteMeterReading"] = new(_ => []) { FormIds = new() { ["recordId"] = RecordKind.MeterReading } },
        ["POST Vehicles/Details/{id:guid}?handler=DeleteFuelEntry"] = new(_ => []) { FormIds = new() { ["recordId"] = RecordKind.FuelEntry } },
        ["POST Vehicles/Details/{id:guid}?handler=DeleteServiceRecord"] = new(_ => []) { FormIds = new() { ["recordId"] = RecordKind.ServiceRecord } },
        ["POST Vehicles/{vehicleId:guid}/FuelEntries/Create"] = new(_ => FuelEntryFields("2025-05-10", "3000")),
        ["POST Vehicles/{vehicleId:guid}/FuelEntries/Edit/{id:guid}"] = new(stamp => new(FuelEntryFields(TenantRecords.FuelEntryDate, "1000"))
        {
            ["Input.Vendor"] = "Changed by another tenant",
            ["Input.ConcurrencyStamp"] = stamp,
        }),
        ["POST Vehicles/{vehicleId:guid}/MeterReadings/Create"] = new(_ => new() { ["Input.Date"] = "2025-06-10", ["Input.Value"] = "4000" }),
        ["POST Vehicles/{vehicleId:guid}/MeterReadings/Edit/{id:guid}"] = new(stamp => new()
        {
            ["Input.Date"] = TenantRecords.MeterReadingDate,
            ["Input.Value"] = "1600",
            ["Input.ConcurrencyStamp"] = stamp,
        }),
        ["POST Vehicles/{vehicleId:guid}/ServiceRecords/Create"] = new(_ => ServiceRecordFields("2025-04-10")),
        ["POST Vehicles/{vehicleId:guid}/ServiceRecords/Edit/{id:guid}"] = new(stamp => new(ServiceRecordFields(TenantRecords.ServiceRecordDate))
        {
            ["Input.Notes"] = "Changed by another tenant",
            ["Input.ConcurrencyStamp"] = stamp,
        }),

        ["POST Identity/Roles/Edit/{id:guid}"] = new(stamp => new()
        {
            ["Input.Name"] = "Changed by another tenant",
            ["Input.IsDefault"] = "true",
            ["Input.ConcurrencyStamp"] = stamp,
        }),
        ["POST Identity/Roles/Delete/{id:guid}"] = new(_ => []),
        ["POST Identity/Roles/Permissions/{id:guid}"] = new(_ => new() { ["Shown"] = "AutoTracker.Vehicles", ["Granted"] = "AutoTracker.Vehicles" }),
        ["POST Identity/Users/Permissions/{id:guid}"] = new(_ => new() { ["Shown"] = "AutoTracker.Vehicles", ["Granted"] = "AutoTracker.Vehicles" }),
        ["POST Identity/Users/Edit/{id:guid}"] = new(stamp => new()
        {
            ["Input.UserName"] = $"chg{Guid.NewGuid():N}"[..16],
            ["Input.Email"] = $"chg{Guid.NewGuid():N}@isolation.test",
            ["Input.IsActive"] = "true",
            ["Input.LockoutEnabled"] = "true",
            ["Input.ConcurrencyStamp"] = stamp,
        }),
        ["POST Identity/Users/Edit/{id:guid}?handler=Lock"] = new(_ => []),
        ["POST Identity/Users/Edit/{id:guid}?handler=Unlock"] = new(_ => []),
        ["POST Identity/Users/Edit/{id:guid}?handler=SendPasswordReset"] = new(_ => []),
        ["POST Identity/Users/Delete/{id:guid}"] = new(_ => []),
        ["POST Identity/OrganizationUnits/Edit/{id:guid}"] = new(stamp => new() { ["Input.DisplayName"] = "Renamed by another tenant", ["Input.ConcurrencyStamp"] = stamp }),
        ["POST Identity/OrganizationUnits/Edit/{id:guid}?handler=Move"] = new(stamp => new() { ["Move.NewParentId"] = string.Empty, ["Move.ConcurrencyStamp"] = stamp }),
        ["POST Identity/OrganizationUnits/Delete/{id:guid}"] = new(_ => []),
        ["POST Identity/OrganizationUnits/Members/{id:guid}?handler=Add"] = new(_ => new() { ["UserName"] = "admin" }),
        ["POST Identity/OrganizationUnits/Members/{id:guid}?handler=Remove"] = new(_ => []) { FormIds = new() { ["userId"] = RecordKind.User } },
        ["POST Identity/OrganizationUnits/Roles/{id:guid}?handler=Add"] = new(_ => []) { FormIds = new() { ["NewRoleId"] = RecordKind.Role } },
        ["POST Identity/OrganizationUnits/Roles/{id:guid}?handler=Remove"] = new(_ => []) { FormIds = new() { ["roleId"] = RecordKind.Role, ["NewRoleId"] = null } },

        // An unknown vehicle is a form error next to the vehicle field, not a 404. BatchId is bound for the preview
        // page's GET, and the POST ignores it.
        ["POST Vehicles/Import"] = new(_ => new() { ["Format"] = "AutoTracker", ["RecordKind"] = "FuelEntries" })
        {
            FormIds = new() { ["VehicleId"] = RecordKind.Vehicle, ["BatchId"] = null },
            CsvFile = FuelImportFile,
            NotFoundStatus = HttpStatusCode.OK,
        },
    };

    [Fact]
    public async Task PageHandlers_EveryIdHandlerHasForm()
    {
        var handlers = await EnumeratePageHandlersAsync(factory);

        handlers.ShouldContain(h => h.Key == "POST Vehicles/Details/{id:guid}?handler=DeleteFuelEntry");
        handlers.ShouldContain(h => h.Key == "POST Vehicles/{vehicleId:guid}/ServiceRecords/Edit/{id:guid}");
        handlers.ShouldContain(h => h.Key == "POST Vehicles/Import");
        handlers.ShouldNotContain(h => h.Key.StartsWith("POST TenantManagement", StringComparison.Ordinal), "host-only pages are HostOnlyEndpointTests' part");

        var missing = handlers.Where(h => !PageForms.ContainsKey(h.Key)).Select(h => h.Key).ToList();
        missing.ShouldBeEmpty(
            "These page handlers take ids but have no form in TenantIsolationMatrixTests.PageForms; add a valid form for each: "
            + string.Join("; ", missing));
        var stale = PageForms.Keys.Except(handlers.Select(h => h.Key)).ToList();
        stale.ShouldBeEmpty("TenantIsolationMatrixTests.PageForms names page handlers that the app no longer has: " + string.Join("; ", stale));
        foreach (var handler in handlers)
        {
            PageForms[handler.Key].FormIds.Keys.Order(StringComparer.Ordinal).ShouldBe(
                handler.FormIdNames.Order(StringComparer.Ordinal),
                $"{handler.Key} takes these ids outside its route; give each a record kind (or null when the handler ignores it) in PageForm.FormIds.");
        }
    }

    [Fact]
    public async Task PageHandlers_OtherTenantsIds_Return404()
    {
        var b = await TenantRecords.CreateAsync(factory, "isob");
        var a = await TenantRecords.CreateAsync(factory, "isoa");
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(a.Api.Http, "/Vehicles");
        var rowsOfB = TenantRecords.Snapshot(factory, b.TenantId);
        var rowsOfA = TenantRecords.Snapshot(factory, a.TenantId);
        var failures = new List<string>();
        var calls = 0;

        foreach (var handler in await EnumeratePageHandlersAsync(factory))
        {
            var form = PageForms[handler.Key];
            var route = handler.ToIdRoute(form);
            var randomIds = route.Parameters.ToDictionary(p => p.Name, _ => Guid.NewGuid());
            var randomCase = await PostFormAsync(a.Api.Http, handler, form, randomIds, b, token);
            foreach (var ids in MixedIds(route, a, b))
            {
                var otherCase = await PostFormAsync(a.Api.Http, handler, form, ids, b, token);
                calls++;
                CompareWithRandom(route, ids, b, otherCase, randomCase, failures, form.NotFoundStatus);
            }
        }

        failures.ShouldBeEmpty($"{failures.Count} of {calls} form posts with tenant B's ids failed:\n" + string.Join("\n", failures));
        calls.ShouldBeGreaterThan(15);
        TenantRecords.Snapshot(factory, b.TenantId).ShouldBe(rowsOfB, "Tenant B's rows changed.");
        TenantRecords.Snapshot(factory, a.TenantId).ShouldBe(rowsOfA, "Tenant A's rows changed, so a post with B's ids did something.");
    }

    /// <summary>
    /// Posts every page form with the caller's own ids and expects the redirect that follows a successful post,
    /// which shows that each handler reaches its records and that each form in <see cref="PageForms"/> is valid.
    /// </summary>
    [Fact]
    public async Task PageHandlers_OwnIds_Succeed()
    {
        var a = await TenantRecords.CreateAsync(factory, "isoa");
        var token = await AutoTrackerWebFactory.GetFormTokenAsync(a.Api.Http, "/Vehicles");
        var failures = new List<string>();

        // Deletes run last, records before their vehicle, so every other post still finds its records.
        var handlers = (await EnumeratePageHandlersAsync(factory))
            .OrderBy(h => IsDelete(h))
            .ThenByDescending(h => IsDelete(h) ? h.RouteIds.Count + h.FormIdNames.Count : 0)
            .ToList();
        foreach (var handler in handlers)
        {
            var form = PageForms[handler.Key];
            var route = handler.ToIdRoute(form);
            var ids = route.Parameters.ToDictionary(p => p.Name, p => a[p.Kind]);
            var response = await PostFormAsync(a.Api.Http, handler, form, ids, a, token);
            if (response.Status != HttpStatusCode.Redirect)
            {
                failures.Add($"{handler.Key} with own ids: {(int)response.Status} {Shorten(response.Body)}");
            }
        }

        failures.ShouldBeEmpty(string.Join("\n", failures));
        handlers.Count.ShouldBeGreaterThan(10);
    }

    /// <summary>A valid form for one page POST handler.</summary>
    /// <param name="Fields">Builds the form fields from the concurrency stamp of the record that the route's last id names.</param>
    private sealed record PageForm(Func<string, Dictionary<string, string>> Fields)
    {
        /// <summary>
        /// Ids that the handler takes outside its route, as handler parameters or bound properties, with the kind of
        /// record each names. A null kind marks an id that this handler binds but ignores, which is sent empty.
        /// </summary>
        public Dictionary<string, RecordKind?> FormIds { get; init; } = [];

        /// <summary>Content of the CSV file sent as the field Upload, which makes the form multipart; null for none.</summary>
        public string? CsvFile { get; init; }

        /// <summary>The status of a post with ids that the caller cannot see.</summary>
        public HttpStatusCode NotFoundStatus { get; init; } = HttpStatusCode.NotFound;
    }

    /// <summary>A page POST handler that takes ids in its route, its parameters or its bound properties.</summary>
    private sealed record PageHandler(string Template, string? HandlerName, RoutePattern Pattern, IReadOnlyList<IdParameter> RouteIds, IReadOnlyList<string> FormIdNames)
    {
        public string Key => HandlerName is null ? $"POST {Template}" : $"POST {Template}?handler={HandlerName}";

        /// <summary>Returns the handler as a route whose parameters are all its ids, the form's ones with the kinds that <paramref name="form"/> gives.</summary>
        public IdRoute ToIdRoute(PageForm form) => new("POST", HandlerName is null ? Template : $"{Template}?handler={HandlerName}", [
            .. RouteIds,
            .. form.FormIds.Where(id => id.Value is not null).Select(id => new IdParameter(id.Key, id.Value!.Value)),
        ]);
    }

    private static bool IsDelete(PageHandler handler) =>
        handler.Key.Contains("Delete", StringComparison.Ordinal);

    /// <summary>
    /// Lists every POST handler of a page that is open to tenant users and takes ids: route parameters named id or
    /// ending in Id, and Guid handler parameters or bound properties whose name ends in Id.
    /// </summary>
    private static async Task<List<PageHandler>> EnumeratePageHandlersAsync(AutoTrackerWebFactory factory)
    {
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var handlers = new List<PageHandler>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor || IsHostOnly(endpoint))
            {
                continue;
            }

            var template = endpoint.RoutePattern.RawText?.TrimStart('/') ?? string.Empty;
            var compiled = descriptor as CompiledPageActionDescriptor ?? await loader.LoadAsync(descriptor, endpoint.Metadata);
            var routeIds = IdParameters(endpoint.RoutePattern, template);
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var boundIds = compiled.BoundProperties.Where(p => IsIdInput(p.Name, p.ParameterType)).Select(p => p.Name).ToList();
            foreach (var method in compiled.HandlerMethods.Where(m => string.Equals(m.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)))
            {
                var formIds = method.Parameters
                    .Where(p => IsIdInput(p.Name, p.ParameterType) && !routeNames.Contains(p.Name))
                    .Select(p => p.Name)
                    .Concat(boundIds)
                    .ToList();
                var handler = new PageHandler(template, method.Name, endpoint.RoutePattern, routeIds, formIds);
                if ((routeIds.Count > 0 || formIds.Count > 0) && seen.Add(handler.Key))
                {
                    handlers.Add(handler);
                }
            }
        }

        return handlers;
    }

    private static bool IsIdInput(string name, Type type) =>
        (type == typeof(Guid) || type == typeof(Guid?)) && name.EndsWith("Id", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Posts the handler's form with the given ids, the route's in the path and the others as form fields, the
    /// antiforgery token, and the stamp of <paramref name="stampOwner"/>'s record that the route's last id names.
    /// </summary>
    private async Task<CallResult> PostFormAsync(
        HttpClient client, PageHandler handler, PageForm form, Dictionary<string, Guid> ids, TenantRecords stampOwner, string token)
    {
        var path = "/" + string.Join('/', handler.Pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => ids[parameter.Name].ToString(),
            _ => string.Empty,
        }))));
        if (handler.HandlerName is { } name)
        {
            path += $"?handler={name}";
        }

        var stamp = handler.RouteIds.Count == 0
            ? string.Empty
            : TenantRecords.ReadStamp(factory, handler.RouteIds[^1].Kind, stampOwner[handler.RouteIds[^1].Kind]) ?? string.Empty;
        var fields = form.Fields(stamp);
        foreach (var (idName, kind) in form.FormIds)
        {
            fields[idName] = kind is null ? string.Empty : ids[idName].ToString();
        }

        fields["__RequestVerificationToken"] = token;
        using var content = BuildFormContent(fields, form.CsvFile);
        return await ReadAsync(await client.PostAsync(path, content));
    }

    private static HttpContent BuildFormContent(Dictionary<string, string> fields, string? csvFile)
    {
        if (csvFile is null)
        {
            return new FormUrlEncodedContent(fields);
        }

        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            multipart.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csvFile));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        multipart.Add(file, "Upload", "records.csv");
        return multipart;
    }

    private static Dictionary<string, string> FuelEntryFields(string date, string meterValue) => new()
    {
        ["Input.Date"] = date,
        ["Input.MeterValue"] = meterValue,
        ["Input.Quantity"] = "40",
        ["Input.Unit"] = "Liters",
        ["Input.TotalCost"] = "80.00",
        ["Input.FuelType"] = "Petrol",
        ["Input.IsFullTank"] = "true",
    };

    private static Dictionary<string, string> ServiceRecordFields(string date) => new()
    {
        ["Input.Date"] = date,
        ["Input.Description"] = "Oil change",
        ["Input.Status"] = "Done",
        ["Input.Lines[0].Kind"] = "Part",
        ["Input.Lines[0].Description"] = "Oil filter",
        ["Input.Lines[0].Quantity"] = "1",
        ["Input.Lines[0].UnitCost"] = "12.50",
    };
}
