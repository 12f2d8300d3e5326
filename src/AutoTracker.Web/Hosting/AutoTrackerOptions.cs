using System.ComponentModel.DataAnnotations;

namespace AutoTracker.Hosting;

/// <summary>Database settings, bound from <c>AutoTracker:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "AutoTracker:Database";

    public const string Sqlite = "Sqlite";

    public const string MySql = "MySql";

    /// <summary>
    /// Database engine: Sqlite (the default, a file under App_Data) or MySql (MySQL 8.x or MariaDB 10.11+), with the
    /// connection string <c>ConnectionStrings:Default</c>.
    /// </summary>
    [Required]
    [RegularExpression("^(Sqlite|MySql)$", ErrorMessage = "AutoTracker:Database:Provider must be Sqlite or MySql.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>Applies pending migrations and seeds at start-up; the DbMigrator does the same on demand.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
