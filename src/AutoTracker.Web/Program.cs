using System.Text.Json.Serialization;
using AutoTracker;
using AutoTracker.Hosting;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

// Each host keeps its own logger instead of the static Log.Logger, so several hosts in one process (tests) stay apart.
builder.Host.UseSerilog(
    (context, services, logger) => logger
        .ReadFrom.Configuration(context.Configuration)
        .ReadFrom.Services(services)
        .Enrich.FromLogContext(),
    preserveStaticLogger: true);

builder.ConfigureKestrelLimits();
builder.AddAutoTrackerDatabase();
builder.Services.AddAutoTrackerApplication();
builder.Services.AddAutoTrackerIdentity(builder.Environment);
AutoTracker.Account.AccountLinkRegistration.AddAutoTrackerAccountLinks(builder.Services, builder.Environment);
builder.Services.AddAutoTrackerMultiTenancy();
builder.AddAutoTrackerSharedState();
builder.Services.AddAutoTrackerReverseProxy();
builder.Services.AddAutoTrackerPublicUrls();
builder.Services.AddLocalization();
builder.Services.AddAutoTrackerRateLimits();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DatabaseOutageExceptionHandler>();
builder.Services.AddExceptionHandler<ApiExceptionHandler>();
builder.Services.AddHsts(o =>
{
    o.MaxAge = TimeSpan.FromDays(365);
    o.IncludeSubDomains = true;
});
builder.Services.AddRazorPages(o =>
{
    // AuthorizeFolder also adds the policy to each page's endpoint metadata, which the security tests read.
    o.Conventions.AuthorizeFolder("/TenantManagement", AutoTracker.Permissions.TenantManagementPermissions.Tenants.Default);
    o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.TypeFilterAttribute(typeof(AutoTracker.Authorization.AuthorizationExceptionPageFilter)));
    o.Conventions.AuthorizePage("/Settings/Host", AutoTracker.Permissions.SettingManagementPermissions.HostSettings);
    o.Conventions.AuthorizePage("/Settings/Tenant", AutoTracker.Permissions.SettingManagementPermissions.TenantSettings);
    o.Conventions.AuthorizeFolder("/Identity/Users", AutoTracker.Permissions.IdentityPermissions.Users.Default);
});
builder.Services.AddControllers(o =>
    {
        // Validation errors are keyed by the JSON property names that clients send (modelYear, not ModelYear).
        o.ModelMetadataDetailsProviders.Add(new Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.SystemTextJsonValidationMetadataProvider());
    })
    .AddApplicationPart(typeof(AutoTracker.Vehicles.VehiclesController).Assembly)
    .AddJsonOptions(o =>
    {
        // JSON is read strictly: enums by name, numbers as numbers, each property once, and parser
        // messages (which name .NET types) never reach the client.
        o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        o.JsonSerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        o.JsonSerializerOptions.AllowDuplicateProperties = false;
        o.AllowInputFormatterExceptionMessages = false;
    });

var app = builder.Build();

await app.MigrateAndSeedAsync();

app.UseAutoTrackerForwardedHeaders();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseExceptionHandler("/Error");
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

// API calls get problem details for bare status codes (404 for an unmatched route, 405, 415); pages get the error page.
app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?statusCode={0}"));
app.UseMiddleware<DuplicateQueryParameterMiddleware>();
// Numbers and dates in forms are read and shown in one culture until users can choose theirs.
app.UseRequestLocalization(new RequestLocalizationOptions()
    .SetDefaultCulture("en-US")
    .AddSupportedCultures("en-US")
    .AddSupportedUICultures("en-US"));
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseMiddleware<TenantResolutionMiddleware>();
app.UseMiddleware<ApiAntiforgeryMiddleware>();
app.UseRateLimiter();
app.UseAuthorization();

app.MapAutoTrackerHealth();
app.MapRazorPages();
app.MapControllers();

app.Run();

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
