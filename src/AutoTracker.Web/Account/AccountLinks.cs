using AutoTracker.Emailing;
using AutoTracker.Hosting;
using AutoTracker.Identity;

namespace AutoTracker.Account;

/// <summary>Builds set-password links on the configured public base URL, never from the request's Host header.</summary>
public sealed class AccountLinkBuilder(IPublicUrlBuilder urls) : IAccountLinkBuilder
{
    public Uri BuildSetPasswordLink(Guid? tenantId, Guid userId, string kind, string token)
    {
        var tenant = tenantId is { } id ? $"tenantId={id:N}&" : string.Empty;
        return urls.Build($"/Account/SetPassword?{tenant}userId={userId:N}&kind={Uri.EscapeDataString(kind)}&token={Uri.EscapeDataString(token)}");
    }
}

public static class AccountLinkRegistration
{
    /// <summary>
    /// Binds the link lifetimes (<c>AutoTracker:AccountLinks</c>) and the e-mail settings (<c>AutoTracker:Email</c>).
    /// Without a configured drop folder, messages go to <c>App_Data/mail</c> under the content root.
    /// </summary>
    public static void AddAutoTrackerAccountLinks(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<AccountLinkOptions>().BindConfiguration(AccountLinkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>()
            .BindConfiguration(EmailOptions.SectionName)
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.DropFolder))
                {
                    o.DropFolder = Path.Combine(environment.ContentRootPath, "App_Data", "mail");
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<IAccountLinkBuilder, AccountLinkBuilder>();
    }
}
