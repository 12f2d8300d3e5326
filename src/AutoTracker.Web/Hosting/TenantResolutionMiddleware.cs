using AutoTracker.MultiTenancy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AutoTracker.Hosting;

/// <summary>
/// Sets the current tenant for the request, and adds the tenant, user and correlation ids to the request's log
/// events. Sources, first hit wins: the signed-in user's tenant claim, then the host name under
/// <c>AutoTracker:MultiTenancy:DomainPattern</c>, the tenant header, and the tenant cookie of the sign-in page.
/// </summary>
/// <remarks>
/// For a signed-in user the claim always decides, and every hint is checked against it: a hint that names any
/// other tenant (or any tenant, for a host user) gets 403 and is never obeyed. An anonymous request that names
/// an unknown or inactive tenant gets 404 on the API. Pages run on the host side then, and the sign-in page
/// shows the error and refuses to sign in, so such a request never reaches host data.
/// </remarks>
public sealed partial class TenantResolutionMiddleware(
    RequestDelegate next,
    ICurrentTenant currentTenant,
    IOptions<MultiTenancyOptions> options,
    IHostEnvironment environment,
    ILogger<TenantResolutionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, TenantLookup tenantLookup, AutoTracker.EntityFrameworkCore.MultiTenancy.TenantConnectionStrings connectionStrings)
    {
        Guid? tenantId = null;
        string? tenantName = null;
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        if (signedIn)
        {
            var claim = context.User.FindFirst(TenantConsts.TenantIdClaimType)?.Value;
            if (claim is not null)
            {
                if (!Guid.TryParse(claim, out var parsed))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }

                tenantId = parsed;
                tenantName = context.User.FindFirst(TenantConsts.TenantNameClaimType)?.Value;
            }
        }

        // The error page re-executes the pipeline for a status code that this middleware may have set. It
        // shows no tenant data, and checking the hints again would only fail it again.
        var reExecuted = context.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<IExceptionHandlerPathFeature>() is not null;

        // Every log event of the request carries these ids; never names, addresses or tokens.
        var userId = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        using (Serilog.Context.LogContext.PushProperty("TenantId", tenantId))
        using (Serilog.Context.LogContext.PushProperty("UserId", userId))
        using (Serilog.Context.LogContext.PushProperty("CorrelationId", context.TraceIdentifier))
        {
            if (!reExecuted)
            {
                var resolved = signedIn
                    ? await CheckHintsAsync(context, tenantLookup, tenantId)
                    : await ResolveAnonymousAsync(context, tenantLookup);
                if (!resolved)
                {
                    return;
                }

                if (!signedIn && context.Features.Get<TenantResolutionFeature>()?.HintedTenant is { } hinted)
                {
                    tenantId = hinted.Id;
                    tenantName = hinted.Name;
                }
            }

            // Loads the tenant's database (its own or the shared one) into the cache without blocking, before the
            // request's DbContext is created on it.
            await connectionStrings.FindAsync(tenantId, context.RequestAborted);
            using (currentTenant.Change(tenantId, tenantName))
            {
                await next(context);
            }
        }
    }

    /// <summary>Rejects the request when any hint names another tenant than the signed-in user's own.</summary>
    /// <returns>True when the request may go on.</returns>
    private async Task<bool> CheckHintsAsync(HttpContext context, TenantLookup tenantLookup, Guid? userTenantId)
    {
        var hints = TenantHints.Read(context, options.Value, TenantCookie.NameFor(environment), out var invalid);
        if (hints is null)
        {
            await RejectAsync(context, invalid!, TenantRejection.Invalid);
            return false;
        }

        foreach (var hint in hints)
        {
            var tenant = await tenantLookup.FindByNameAsync(hint.Name, context.RequestAborted);
            if (tenant is null || tenant.Id != userTenantId)
            {
                LogOtherTenant(logger, hint.Source, userTenantId, tenant?.Id);
                await RejectAsync(context, hint, TenantRejection.OtherTenant);
                return false;
            }
        }

        return true;
    }

    /// <summary>Resolves the first hint of an anonymous request and stores the outcome in the request's features.</summary>
    /// <returns>True when the request may go on.</returns>
    private async Task<bool> ResolveAnonymousAsync(HttpContext context, TenantLookup tenantLookup)
    {
        var hints = TenantHints.Read(context, options.Value, TenantCookie.NameFor(environment), out var invalid);
        if (hints is null)
        {
            await RejectAsync(context, invalid!, TenantRejection.Invalid);
            return false;
        }

        if (hints.Count == 0)
        {
            return true;
        }

        var hint = hints[0];
        var tenant = await tenantLookup.FindByNameAsync(hint.Name, context.RequestAborted);
        if (tenant is { IsActive: true })
        {
            context.Features.Set(new TenantResolutionFeature { HintedTenant = tenant, Hint = hint });
            return true;
        }

        LogUnknownTenant(logger, hint.Source, tenant?.Id);
        if (IsApiRequest(context))
        {
            await RejectAsync(context, hint, TenantRejection.NotFound);
            return false;
        }

        context.Features.Set(new TenantResolutionFeature { Hint = hint, Rejection = TenantRejection.NotFound });
        return true;
    }

    private async Task RejectAsync(HttpContext context, TenantHint hint, TenantRejection rejection)
    {
        if (rejection == TenantRejection.Invalid)
        {
            LogInvalidHint(logger, hint.Source);
        }

        context.Features.Set(new TenantResolutionFeature { Hint = hint, Rejection = rejection });
        var status = rejection switch
        {
            TenantRejection.Invalid => StatusCodes.Status400BadRequest,
            TenantRejection.OtherTenant => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status404NotFound,
        };
        if (!IsApiRequest(context))
        {
            // The status code pages middleware re-executes the error page, which explains the rejection.
            context.Response.StatusCode = status;
            return;
        }

        var source = DescribeSource(hint.Source);
        var problem = new ProblemDetails
        {
            Status = status,
            Title = rejection switch
            {
                TenantRejection.Invalid => $"The tenant name in the {source} is invalid.",
                TenantRejection.OtherTenant => "The request names another tenant than the one you are signed in to.",
                _ => "The tenant was not found.",
            },
            Detail = rejection switch
            {
                TenantRejection.Invalid => $"Give the {source} once, with a tenant name of 1 to {TenantConsts.MaxNameLength} characters.",
                TenantRejection.OtherTenant => $"Remove the {source} or make it name your own tenant.",
                _ => $"No active tenant is named '{hint.Name}' (from the {source}). Check the name, or ask the operator whether the tenant is active.",
            },
        };
        problem.Extensions["field"] = source;
        await context.WriteProblemAsync(problem);
    }

    private string DescribeSource(TenantHintSource source) => source switch
    {
        TenantHintSource.Domain => "host name",
        TenantHintSource.Header => $"{options.Value.TenantHeader} header",
        _ => $"{TenantCookie.NameFor(environment)} cookie",
    };

    private static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Rejected a request whose {Source} hint names tenant {HintedTenantId} while the user is signed in to tenant {TenantId}")]
    private static partial void LogOtherTenant(ILogger logger, TenantHintSource source, Guid? tenantId, Guid? hintedTenantId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "The {Source} hint of an anonymous request names no active tenant (found tenant {HintedTenantId})")]
    private static partial void LogUnknownTenant(ILogger logger, TenantHintSource source, Guid? hintedTenantId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Rejected a request whose {Source} hint is not a valid tenant name")]
    private static partial void LogInvalidHint(ILogger logger, TenantHintSource source);
}
