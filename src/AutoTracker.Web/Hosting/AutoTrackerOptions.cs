using System.ComponentModel.DataAnnotations;

namespace AutoTracker.Hosting;

/// <summary>Database settings, bound from <c>AutoTracker:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "AutoTracker:Database";

    /// <summary>Database engine: Sqlite (the default, a file under App_Data).</summary>
    [Required]
    [RegularExpression("^(Sqlite)$", ErrorMessage = "AutoTracker:Database:Provider must be Sqlite.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Applies pending migrations and seeds at start-up; the DbMigrator does the same on demand.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
