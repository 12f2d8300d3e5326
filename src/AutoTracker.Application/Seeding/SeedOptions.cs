using System.ComponentModel.DataAnnotations;

namespace AutoTracker.Seeding;

/// <summary>Settings of the first-run seed, bound from <c>AutoTracker:Seed</c>.</summary>
public sealed class SeedOptions
{
    public const string SectionName = "AutoTracker:Seed";

    /// <summary>
    /// Initial password of the host admin and the demo tenant's admin. When empty, one is generated and
    /// written once to <see cref="PasswordFile"/>, readable only by the account running the app.
    /// </summary>
    public string? AdminPassword { get; set; }

    [Required]
    public string PasswordFile { get; set; } = "App_Data/initial-admin-password.txt";

    /// <summary>Creates the demo tenant with its vehicles and their history.</summary>
    public bool DemoTenant { get; set; } = true;

    [Required]
    [StringLength(63)]
    public string DemoTenantName { get; set; } = "demo";
}
