using System.Text.Json.Serialization;
using AutoTracker;
using AutoTracker.Hosting;
using Microsoft.AspNetCore.DataProtection;
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
builder.Services.AddDistributedMemoryCache();
builder.Services.AddDataProtection()
    .SetApplicationName("AutoTracker")
    .PersistKeysToFileSystem(KeyFolder.Create(builder.Configuration["AutoTracker:DataProtection:KeyFolder"] ?? "App_Data/keys"));
builder.Services.AddLocalization();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ApiExceptionHandler>();
builder.Services.AddHsts(o =>
{
    o.MaxAge = TimeSpan.FromDays(365);
    o.IncludeSubDomains = true;
});
builder.Services.AddRazorPages();
builder.Services.AddControllers()
    .AddApplicationPart(typeof(AutoTracker.Vehicles.VehiclesController).Assembly)
    .AddJsonOptions(o => o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));

var app = builder.Build();

await app.MigrateAndSeedAsync();

app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseExceptionHandler("/Error");
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/Error", "?statusCode={0}");
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
app.UseAuthorization();

app.MapAutoTrackerHealth();
app.MapRazorPages();
app.MapControllers();

app.Run();

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
