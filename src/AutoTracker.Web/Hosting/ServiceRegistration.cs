using AutoTracker.Account;
using AutoTracker.EntityFrameworkCore;
using AutoTracker.EntityFrameworkCore.MySql;
using AutoTracker.EntityFrameworkCore.Sqlite;
using AutoTracker.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoTracker.Hosting;

public static class ServiceRegistration
{
    public const string AuthCookieName = "__Host-AutoTracker";
    public const string AntiforgeryCookieName = "__Host-AutoTracker.Antiforgery";
    public const string DevelopmentAntiforgeryCookieName = "AutoTracker.Antiforgery";

    public static void AddAutoTrackerDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var connectionString = builder.Configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default is not set.");
        var provider = builder.Configuration[$"{DatabaseOptions.SectionName}:Provider"] ?? DatabaseOptions.Sqlite;
        switch (provider)
        {
            case DatabaseOptions.Sqlite:
                builder.Services.AddAutoTrackerSqlite(connectionString);
                break;
            case DatabaseOptions.MySql:
                builder.Services.AddAutoTrackerMySql(connectionString);
                break;
            default:
                throw new InvalidOperationException($"AutoTracker:Database:Provider '{provider}' is not supported; use {DatabaseOptions.Sqlite} or {DatabaseOptions.MySql}.");
        }

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    /// <summary>Registers tenant resolution: its options, checked at start-up, and the cached tenant lookup.</summary>
    public static void AddAutoTrackerMultiTenancy(this IServiceCollection services)
    {
        services.AddOptions<MultiTenancyOptions>().BindConfiguration(MultiTenancyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<MultiTenancyOptions>, MultiTenancyOptionsValidator>();
        services.AddSingleton<TenantLookupCache>();
        services.AddScoped<TenantLookup>();
    }

    public static void AddAutoTrackerIdentity(this IServiceCollection services, IHostEnvironment environment)
    {
        services.Configure<PasswordHasherOptions>(IdentitySettings.ConfigureHasher);
        services.AddIdentity<AppUser, AppRole>(IdentitySettings.Configure)
            .AddEntityFrameworkStores<AutoTrackerDbContext>()
            .AddClaimsPrincipalFactory<TenantClaimsPrincipalFactory>()
            .AddSignInManager<AppSignInManager>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders();

        // A disabled user or a changed security stamp ends existing sessions on the next request.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddScoped<ISecurityStampValidator, TenantScopedSecurityStampValidator>();
        services.AddScoped<TenantSecurityStampValidator>();
        services.AddScoped<PasswordSignInService>();
        services.AddScoped<PasswordCheck>();

        // Replaces the application layer's anonymous default, whichever of the two is registered first.
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Scoped<ICurrentUser, HttpContextCurrentUser>());

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = AuthCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = IdentityConsts.IdleSessionTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized, o.LoginPath);
            o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden, o.AccessDeniedPath);
        });

        services.AddAuthorization(o =>
        {
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();

            // NOTE: any host user passes until roles and permissions exist; then this becomes a permission check.
            o.AddPolicy(TenantManagement.TenantManagementPolicies.HostAdministration, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.FindFirst(MultiTenancy.TenantConsts.TenantIdClaimType) is null));

            // NOTE: these become permission checks when roles and permissions exist.
            o.AddPolicy(Settings.SettingManagementPolicies.ManageHostSettings, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.FindFirst(MultiTenancy.TenantConsts.TenantIdClaimType) is null));
            o.AddPolicy(Settings.SettingManagementPolicies.ManageTenantSettings, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.FindFirst(MultiTenancy.TenantConsts.TenantIdClaimType) is not null)
                .RequireRole(StaticRoleNames.Admin));
        });

        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            var development = environment.IsDevelopment();
            o.Cookie.Name = development ? "AutoTracker.TempData" : "__Host-AutoTracker.TempData";
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.Path = "/";
        });

        services.AddAntiforgery(o =>
        {
            o.HeaderName = ApiAntiforgeryMiddleware.HeaderName;

            // ASP.NET Core refuses a Secure-only antiforgery cookie on a plain-http request, and browsers refuse a
            // __Host- cookie without Secure. Development on http://localhost therefore gets a plain cookie name.
            var development = environment.IsDevelopment();
            o.Cookie.Name = development ? DevelopmentAntiforgeryCookieName : AntiforgeryCookieName;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.Path = "/";
        });
    }

    /// <summary>
    /// API calls get a status code and problem details; only page requests are redirected, to a Location that
    /// never contains the request's Host header.
    /// </summary>
    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status, PathString fallbackPath)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(SignInRedirects.PublicLocation(context, fallbackPath));
            return Task.CompletedTask;
        }

        return context.HttpContext.WriteProblemAsync(new ProblemDetails
        {
            Status = status,
            Title = status == StatusCodes.Status401Unauthorized ? "Sign-in is required." : "You do not have permission for this request.",
        }).AsTask();
    }

    public static void ConfigureKestrelLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = 1024 * 1024;
            o.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            o.Limits.MaxRequestHeaderCount = 64;
            o.Limits.MaxRequestLineSize = 8 * 1024;
            o.Limits.Http2.MaxRequestHeaderFieldSize = 16 * 1024;
        });
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = 4 * 1024 * 1024;
            o.ValueCountLimit = 512;
            o.ValueLengthLimit = 64 * 1024;
        });
    }
}
