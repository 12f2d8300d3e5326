using System.Net;
using System.Text.RegularExpressions;
using AutoTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Web.Tests.Security;

/// <summary>
/// Calls the app as a user of tenant A holding the ids of tenant B's real records. It calls every API endpoint whose
/// route names a record by id, with every HTTP method it maps, GETs every vehicle page with an id in its route, and
/// posts every page form that takes an id. Each call must get a 404 identical to the one for random ids (except
/// per-response values such as the traceId), and B's rows must stay as they were. The routes and page handlers are
/// enumerated from the app, so a new one is tested as soon as it is mapped. An unsafe API method only needs a
/// request body in <see cref="RequestBodies"/>, and a page handler a form in <see cref="PageForms"/>.
/// </summary>
public sealed partial class TenantIsolationMatrixTests(AutoTrackerWebFactory factory) : IClassFixture<AutoTrackerWebFactory>
{
    /// <summary>
    /// A valid request body for each unsafe API method on an id route, keyed by "METHOD route template". The
    /// argument is the concurrency stamp of the record that the route's last id names. A body that fails
    /// validation would get 400 before the record is looked up and could hide a leak, so
    /// <see cref="IdEndpoints_OwnIds_Succeed"/> checks that each body works on the caller's own records.
    /// </summary>
    private static readonly Dictionary<string, Func<string, object?>> RequestBodies = new(StringComparer.Ordinal)
    {
        ["PUT api/app/vehicles/{id:guid}"] = stamp => new { make = "Test", model = "Changed by another tenant", meterUnit = "Miles", concurrencyStamp = stamp },
        ["POST api/app/vehicles/{vehicleId:guid}/fuel-entries"] = _ => TenantRecords.FuelEntryBody("2025-05-10", 3000),
        ["PUT api/app/vehicles/{vehicleId:guid}/fuel-entries/{id:guid}"] = stamp =>
            TenantRecords.WithStamp(TenantRecords.FuelEntryBody(TenantRecords.FuelEntryDate, 1000, vendor: "Changed by another tenant"), stamp),
        ["POST api/app/vehicles/{vehicleId:guid}/meter-readings"] = _ => TenantRecords.MeterReadingBody("2025-06-10", 4000),
        ["PUT api/app/vehicles/{vehicleId:guid}/meter-readings/{id:guid}"] = stamp =>
            TenantRecords.WithStamp(TenantRecords.MeterReadingBody(TenantRecords.MeterReadingDate, 1600), stamp),
        ["POST api/app/vehicles/{vehicleId:guid}/service-records"] = _ => TenantRecords.ServiceRecordBody("2025-04-10"),
        ["PUT api/app/vehicles/{vehicleId:guid}/service-records/{id:guid}"] = stamp =>
            TenantRecords.WithStamp(TenantRecords.ServiceRecordBody(TenantRecords.ServiceRecordDate, notes: "Changed by another tenant"), stamp),
        ["POST api/app/vehicle-imports/{batchId:guid}/commit"] = _ => null,
        ["PUT api/identity/roles/{id:guid}"] = stamp => new { name = "Changed by another tenant", isDefault = true, concurrencyStamp = stamp },
        ["PUT api/identity/users/{id:guid}"] = stamp => new
        {
            userName = $"chg{Guid.NewGuid():N}"[..16],
            email = $"chg{Guid.NewGuid():N}@isolation.test",
            isActive = true,
            lockoutEnabled = true,
            concurrencyStamp = stamp,
        },
        ["PUT api/identity/users/{id:guid}/roles"] = _ => new { roleNames = Array.Empty<string>() },
        ["POST api/identity/users/{id:guid}/lock"] = _ => new { lockoutEnd = (DateTimeOffset?)null },
        ["POST api/identity/users/{id:guid}/unlock"] = _ => null,
        ["POST api/identity/users/{id:guid}/send-password-reset"] = _ => null,
        ["PUT api/identity/organization-units/{id:guid}"] = stamp => new { displayName = "Changed by another tenant", concurrencyStamp = stamp },
        ["PUT api/identity/organization-units/{id:guid}/move"] = stamp => new { newParentId = (Guid?)null, concurrencyStamp = stamp },
    };

    /// <summary>Request bodies that name other records of the caller, such as the user added to a unit, keyed as <see cref="RequestBodies"/>.</summary>
    private static readonly Dictionary<string, Func<TenantRecords, object?>> RequestBodiesWithIds = new(StringComparer.Ordinal)
    {
        ["POST api/identity/organization-units/{id:guid}/members"] = owner => new { userIds = new[] { owner[RecordKind.User] } },
        ["POST api/identity/organization-units/{id:guid}/roles"] = owner => new { roleIds = new[] { owner[RecordKind.Role] } },
    };

    /// <summary>Record kinds by the collection name of a route segment, compared without dashes and case.</summary>
    private static readonly Dictionary<string, RecordKind> CollectionKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["vehicles"] = RecordKind.Vehicle,
        ["fuelentries"] = RecordKind.FuelEntry,
        ["meterreadings"] = RecordKind.MeterReading,
        ["servicerecords"] = RecordKind.ServiceRecord,
        ["vehicleimports"] = RecordKind.ImportBatch,
        ["roles"] = RecordKind.Role,
        ["users"] = RecordKind.User,
        ["organizationunits"] = RecordKind.OrganizationUnit,
    };

    /// <summary>Record kinds of route parameters whose name says the kind; a plain <c>id</c> takes the kind of its collection segment.</summary>
    private static readonly Dictionary<string, RecordKind> ParameterKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["vehicleId"] = RecordKind.Vehicle,
        ["batchId"] = RecordKind.ImportBatch,
        ["userId"] = RecordKind.User,
        ["roleId"] = RecordKind.Role,
    };

    [Fact]
    public void Enumeration_CoversEveryIdEndpoint()
    {
        var api = EnumerateIdRoutes(factory, pages: false).ToList();
        var pages = EnumerateIdRoutes(factory, pages: true).ToList();

        api.ShouldContain(r => r.Method == "DELETE" && r.Template == "api/app/vehicles/{vehicleId:guid}/fuel-entries/{id:guid}");
        api.ShouldContain(r => r.Method == "POST" && r.Template == "api/app/vehicle-imports/{batchId:guid}/commit");
        api.ShouldContain(r => r.Method == "GET" && r.Template == "api/app/vehicles/{vehicleId:guid}/fuel-economy");
        pages.ShouldContain(r => r.Template == "Vehicles/{vehicleId:guid}/ServiceRecords/Edit/{id:guid}");

        var unsafeRoutes = api.Where(r => r.Method is not ("GET" or "HEAD" or "DELETE")).Select(r => r.Key).ToList();
        var missing = unsafeRoutes.Except(RequestBodies.Keys).Except(RequestBodiesWithIds.Keys).ToList();
        missing.ShouldBeEmpty(
            "These API endpoints take ids but have no request body in TenantIsolationMatrixTests.RequestBodies; add a valid body for each: "
            + string.Join("; ", missing));
        var stale = RequestBodies.Keys.Concat(RequestBodiesWithIds.Keys).Except(unsafeRoutes).ToList();
        stale.ShouldBeEmpty("TenantIsolationMatrixTests.RequestBodies names endpoints that the app no longer maps: " + string.Join("; ", stale));
    }

    [Fact]
    public async Task IdEndpoints_OtherTenantsIds_Return404()
    {
        var b = await TenantRecords.CreateAsync(factory, "isob");
        var a = await TenantRecords.CreateAsync(factory, "isoa");
        var rowsOfB = TenantRecords.Snapshot(factory, b.TenantId);
        var failures = new List<string>();
        var calls = 0;

        foreach (var route in EnumerateIdRoutes(factory, pages: false))
        {
            var randomIds = route.Parameters.ToDictionary(p => p.Name, _ => Guid.NewGuid());
            var randomCase = await SendAsync(a.Api, route, randomIds, BodyFor(route, b));
            foreach (var ids in MixedIds(route, a, b))
            {
                var otherCase = await SendAsync(a.Api, route, ids, BodyFor(route, b));
                calls++;
                CompareWithRandom(route, ids, b, otherCase, randomCase, failures);
            }
        }

        // The upload names its vehicle in the form, not in the route.
        var randomUpload = await PreviewFuelImportAsync(a.Api, Guid.NewGuid());
        var foreignUpload = await PreviewFuelImportAsync(a.Api, b[RecordKind.Vehicle]);
        calls++;
        CompareWithRandom(new IdRoute("POST", "api/app/vehicle-imports/preview (VehicleId in the form)", []), [], b, foreignUpload, randomUpload, failures);

        failures.ShouldBeEmpty($"{failures.Count} of {calls} calls with tenant B's ids failed:\n" + string.Join("\n", failures));
        calls.ShouldBeGreaterThan(30);
        TenantRecords.Snapshot(factory, b.TenantId).ShouldBe(rowsOfB, "Tenant B's rows changed.");
    }

    [Fact]
    public async Task VehiclePages_OtherTenantsIds_Return404()
    {
        var b = await TenantRecords.CreateAsync(factory, "isob");
        var a = await TenantRecords.CreateAsync(factory, "isoa");
        var rowsOfB = TenantRecords.Snapshot(factory, b.TenantId);
        var failures = new List<string>();
        var calls = 0;

        foreach (var route in EnumerateIdRoutes(factory, pages: true).Where(r => r.Method == "GET"))
        {
            var randomIds = route.Parameters.ToDictionary(p => p.Name, _ => Guid.NewGuid());
            var randomCase = await SendAsync(a.Api, route, randomIds, null);
            foreach (var ids in MixedIds(route, a, b))
            {
                var otherCase = await SendAsync(a.Api, route, ids, null);
                calls++;
                CompareWithRandom(route, ids, b, otherCase, randomCase, failures);
            }
        }

        // The import page shows a stored upload named in the query string.
        var importPage = new IdRoute("GET", "Vehicles/Import?batchId={batchId}", []);
        var randomBatch = await ReadAsync(await a.Api.GetAsync($"/Vehicles/Import?batchId={Guid.NewGuid()}"));
        var foreignBatch = await ReadAsync(await a.Api.GetAsync($"/Vehicles/Import?batchId={b[RecordKind.ImportBatch]}"));
        calls++;
        CompareWithRandom(importPage, [], b, foreignBatch, randomBatch, failures);

        failures.ShouldBeEmpty($"{failures.Count} of {calls} page requests with tenant B's ids failed:\n" + string.Join("\n", failures));
        calls.ShouldBeGreaterThan(8);
        TenantRecords.Snapshot(factory, b.TenantId).ShouldBe(rowsOfB, "Tenant B's rows changed.");
    }

    /// <summary>
    /// Calls every id endpoint with the caller's own ids and expects success, which shows that each route reaches
    /// its records and that each body in <see cref="RequestBodies"/> passes validation.
    /// </summary>
    [Fact]
    public async Task IdEndpoints_OwnIds_Succeed()
    {
        var a = await TenantRecords.CreateAsync(factory, "isoa");
        var failures = new List<string>();

        // Deletes run last, records before their vehicle, so every other call still finds its records.
        var routes = EnumerateIdRoutes(factory, pages: false)
            .OrderBy(r => r.Method == "DELETE")
            .ThenByDescending(r => r.Method == "DELETE" ? r.Parameters.Count : 0)
            .ToList();
        foreach (var route in routes)
        {
            var ids = route.Parameters.ToDictionary(p => p.Name, p => a[p.Kind]);
            var response = await SendAsync(a.Api, route, ids, BodyFor(route, a));
            if ((int)response.Status is < 200 or > 299)
            {
                failures.Add($"{route.Key} with own ids: {(int)response.Status} {response.Body}");
            }
        }

        failures.ShouldBeEmpty(string.Join("\n", failures));
        routes.Count.ShouldBeGreaterThan(15);
    }

    /// <summary>A route that names records by id, with the record kind of each id parameter.</summary>
    private sealed record IdRoute(string Method, string Template, IReadOnlyList<IdParameter> Parameters)
    {
        public string Key => $"{Method} {Template}";

        public RoutePattern? Pattern { get; init; }
    }

    private sealed record IdParameter(string Name, RecordKind Kind);

    private sealed record CallResult(HttpStatusCode Status, string? MediaType, string Body);

    /// <summary>
    /// Lists every (method, route) of the API (or of the pages under /Vehicles) that has a route parameter named
    /// id or ending in Id, and works out the record kind of each such parameter.
    /// </summary>
    /// <summary>Tells whether the endpoint requires a permission that exists on the host side only.</summary>
    internal static bool IsHostOnly(Microsoft.AspNetCore.Http.Endpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
            .Select(a => a.Policy)
            .OfType<string>()
            .Select(new AutoTracker.Authorization.PermissionDefinitionManager([new AutoTracker.Permissions.AutoTrackerPermissionDefinitionProvider()]).Find)
            .Any(p => p is { MultiTenancySides: AutoTracker.MultiTenancy.MultiTenancySides.Host });

    private static IEnumerable<IdRoute> EnumerateIdRoutes(AutoTrackerWebFactory factory, bool pages)
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var template = endpoint.RoutePattern.RawText?.TrimStart('/') ?? string.Empty;
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;
            if (pages ? !isPage || !template.StartsWith("Vehicles/", StringComparison.Ordinal) : !template.StartsWith("api/", StringComparison.Ordinal))
            {
                continue;
            }

            // Host administration is closed to tenant users as a whole; HostOnlyEndpointTests checks its 403s.
            if (IsHostOnly(endpoint))
            {
                continue;
            }

            var parameters = IdParameters(endpoint.RoutePattern, template);
            if (parameters.Count == 0)
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods
                ?? (isPage ? ["GET", "POST"] : throw new InvalidOperationException($"The API endpoint {template} maps no HTTP method; give it one."));
            foreach (var method in methods)
            {
                var route = new IdRoute(method, template, parameters) { Pattern = endpoint.RoutePattern };
                if (seen.Add(route.Key))
                {
                    yield return route;
                }
            }
        }
    }

    private static List<IdParameter> IdParameters(RoutePattern pattern, string template)
    {
        var parameters = new List<IdParameter>();
        string? collection = null;
        var previousWasCollection = false;
        foreach (var part in pattern.PathSegments.SelectMany(s => s.Parts))
        {
            // A collection name right after another one names a page of the first, as in OrganizationUnits/Roles/{id},
            // whose id is the unit's.
            var isCollection = part is RoutePatternLiteralPart literal && CollectionKinds.ContainsKey(literal.Content.Replace("-", string.Empty, StringComparison.Ordinal));
            if (isCollection && !previousWasCollection)
            {
                collection = ((RoutePatternLiteralPart)part).Content.Replace("-", string.Empty, StringComparison.Ordinal);
            }

            previousWasCollection = isCollection;

            if (part is not RoutePatternParameterPart parameter || !parameter.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (ParameterKinds.TryGetValue(parameter.Name, out var kind))
            {
                parameters.Add(new IdParameter(parameter.Name, kind));
            }
            else if (parameter.Name.Equals("id", StringComparison.OrdinalIgnoreCase) && collection is not null)
            {
                parameters.Add(new IdParameter(parameter.Name, CollectionKinds[collection]));
            }
            else
            {
                throw new InvalidOperationException(
                    $"The route parameter {{{parameter.Name}}} of {template} names no known record kind; add it to TenantIsolationMatrixTests.ParameterKinds.");
            }
        }

        return parameters;
    }

    /// <summary>
    /// Yields every way to fill the route's ids with tenant A's and tenant B's records, except all of A's: B's
    /// vehicle with B's fuel entry, A's vehicle with B's fuel entry, and B's vehicle with A's fuel entry.
    /// </summary>
    private static IEnumerable<Dictionary<string, Guid>> MixedIds(IdRoute route, TenantRecords a, TenantRecords b)
    {
        var count = route.Parameters.Count;
        for (var mask = 1; mask < 1 << count; mask++)
        {
            var ids = new Dictionary<string, Guid>();
            for (var i = 0; i < count; i++)
            {
                var parameter = route.Parameters[i];
                ids[parameter.Name] = (mask & (1 << i)) != 0 ? b[parameter.Kind] : a[parameter.Kind];
            }

            yield return ids;
        }
    }

    private Func<object?>? BodyFor(IdRoute route, TenantRecords owner)
    {
        if (route.Method is "GET" or "HEAD" or "DELETE")
        {
            return null;
        }

        if (RequestBodiesWithIds.TryGetValue(route.Key, out var buildWithIds))
        {
            return () => buildWithIds(owner);
        }

        if (!RequestBodies.TryGetValue(route.Key, out var build))
        {
            throw new InvalidOperationException($"No request body for {route.Key}; add one to TenantIsolationMatrixTests.RequestBodies.");
        }

        // The stamp is read when the call is made, because earlier calls may have renewed it.
        var last = route.Parameters[^1];
        return () => build(TenantRecords.ReadStamp(factory, last.Kind, owner[last.Kind]) ?? throw new InvalidOperationException($"{owner.TenantName} has no {last.Kind}."));
    }

    private static async Task<CallResult> SendAsync(ApiClient api, IdRoute route, Dictionary<string, Guid> ids, Func<object?>? body)
    {
        var path = "/" + string.Join('/', route.Pattern!.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => ids[parameter.Name].ToString(),
            _ => string.Empty,
        }))));
        if (route.Method == "POST" && !path.StartsWith("/api/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Page posts need a form token; {route.Key} is not covered.");
        }

        return await ReadAsync(await api.SendAsync(new HttpMethod(route.Method), path, body?.Invoke()));
    }

    private static async Task<CallResult> PreviewFuelImportAsync(ApiClient api, Guid vehicleId)
    {
        using var form = TenantRecords.ImportForm("date,meter,quantity\n2025-07-01,5000,40\n", "FuelEntries", vehicleId);
        return await ReadAsync(await api.PostAsync("/api/app/vehicle-imports/preview", form));
    }

    private static async Task<CallResult> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return new CallResult(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// Records a failure unless the call with tenant B's ids and the call with random ids both got
    /// <paramref name="expected"/> (404 unless given) and the same body, apart from per-request values.
    /// </summary>
    private static void CompareWithRandom(
        IdRoute route, Dictionary<string, Guid> ids, TenantRecords b, CallResult other, CallResult random, List<string> failures, HttpStatusCode expected = HttpStatusCode.NotFound)
    {
        var owners = string.Join(", ", ids.Select(id => $"{id.Key}={(b[KindOf(route, id.Key)] == id.Value ? "B" : "A")}"));
        var call = $"{route.Key} [{owners}]";
        if (other.Status != expected)
        {
            failures.Add($"{call}: expected {(int)expected}, got {(int)other.Status} {Shorten(other.Body)}");
        }
        else if (random.Status != expected)
        {
            failures.Add($"{call}: random ids got {(int)random.Status}, not {(int)expected}: {Shorten(random.Body)}");
        }
        else if (other.MediaType != random.MediaType || WithoutPerRequestValues(other.Body) != WithoutPerRequestValues(random.Body))
        {
            failures.Add($"{call}: the {(int)expected} differs from the random-id {(int)expected}:\n  B's ids: {other.MediaType} {Shorten(other.Body)}\n  random:  {random.MediaType} {Shorten(random.Body)}");
        }
    }

    private static RecordKind KindOf(IdRoute route, string parameterName) => route.Parameters.Single(p => p.Name == parameterName).Kind;

    /// <summary>
    /// Blanks the values that differ on every response: the problem's traceId, and on pages the CSP nonce and the
    /// sign-out form's antiforgery token.
    /// </summary>
    private static string WithoutPerRequestValues(string body)
    {
        body = TraceIdPattern().Replace(body, "\"traceId\":\"\"");
        body = NoncePattern().Replace(body, "nonce=\"\"");
        return FormTokenPattern().Replace(body, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"\"");
    }

    private static string Shorten(string body) => body.Length <= 400 ? body : body[..400] + "...";

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceIdPattern();

    [GeneratedRegex("nonce=\"[^\"]*\"")]
    private static partial Regex NoncePattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"")]
    private static partial Regex FormTokenPattern();
}
