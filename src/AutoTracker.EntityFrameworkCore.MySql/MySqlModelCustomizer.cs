using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using MySql.EntityFrameworkCore.Extensions;

namespace AutoTracker.EntityFrameworkCore.MySql;

/// <summary>
/// Adds MySQL's character set and collations to the shared model. Text is utf8mb4 and compares with
/// <see cref="TextCollation"/>, case- and accent-insensitively, as people expect a search or a sort to behave.
/// Values the application has already normalized or generated (normalized names and e-mails, VINs, concurrency
/// and security stamps, external login keys, permission grants' names and keys) compare byte for byte with <see cref="ExactCollation"/>, so that
/// their unique indexes mean on MySQL exactly what they mean on SQLite.
/// </summary>
public sealed class MySqlModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    public const string CharSet = "utf8mb4";

    /// <summary>Collation of people's text; it exists in MySQL 8.x and in MariaDB 10.x alike.</summary>
    public const string TextCollation = "utf8mb4_unicode_ci";

    public const string ExactCollation = "utf8mb4_bin";

    /// <summary>Annotations that MySql.EntityFrameworkCore reads when it writes a column's definition.</summary>
    public const string CharSetAnnotation = "MySQL:Charset";

    public const string CollationAnnotation = "MySQL:Collation";

    /// <summary>InnoDB's limit on the key length of one index, with the DYNAMIC row format.</summary>
    public const int MaxIndexBytes = 3072;

    private static readonly ValueConverter<DateTimeOffset, DateTime> UtcDateTimeOffsetConverter = new(
        value => value.UtcDateTime,
        value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)));

    private static readonly ValueConverter<DateOnly, DateTime> DateOnlyConverter = new(
        value => value.ToDateTime(TimeOnly.MinValue),
        value => DateOnly.FromDateTime(value));

    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        modelBuilder.HasCharSet(CharSet);
        MySQLModelBuilderExtensions.UseCollation(modelBuilder, TextCollation);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entityType.GetProperties().Where(p => p.ClrType == typeof(string)))
            {
                // MySql.EntityFrameworkCore 10.0.12 writes a column's COLLATE clause only from its own annotations,
                // not from EF Core's collation, so every text column carries both. Without them a column takes the
                // database's default collation, whatever the model sets.
                var collation = IsExactValue(entityType, property) ? ExactCollation : TextCollation;
                if (collation == ExactCollation)
                {
                    property.SetCollation(ExactCollation);
                }

                property.SetAnnotation(CharSetAnnotation, CharSet);
                property.SetAnnotation(CollationAnnotation, collation);
            }

            // MySQL has no column type with an offset, and the provider's default for DateTimeOffset (datetime)
            // drops both the offset and the fraction of a second. Such values (Identity's LockoutEnd) are stored
            // as UTC in datetime(6) and read back with offset zero.
            foreach (var property in entityType.GetProperties().Where(p => Is<DateTimeOffset>(p)))
            {
                property.SetValueConverter(UtcDateTimeOffsetConverter);
                property.SetColumnType("datetime(6)");
            }

            // MySql.Data reads a date column as DateTime and cannot convert it to the DateOnly that the provider requests.
            foreach (var property in entityType.GetProperties().Where(p => Is<DateOnly>(p)))
            {
                property.SetValueConverter(DateOnlyConverter);
                property.SetColumnType("date");
            }
        }
    }

    private static bool Is<T>(IMutableProperty property)
        where T : struct =>
        property.ClrType == typeof(T) || Nullable.GetUnderlyingType(property.ClrType) == typeof(T);

    private static bool IsExactValue(IMutableEntityType entityType, IMutableProperty property)
    {
        var name = property.Name;
        if (name.StartsWith("Normalized", StringComparison.Ordinal)
            || name.EndsWith("Stamp", StringComparison.Ordinal)
            || name == "Vin")
        {
            return true;
        }

        // Permission names and the role names in grants must match the definitions and the role claims exactly.
        // Unit codes are digits and dots whose prefixes select subtrees.
        if (entityType.ClrType == typeof(AutoTracker.PermissionManagement.PermissionGrant)
            || (entityType.ClrType == typeof(AutoTracker.Identity.OrganizationUnit) && name == nameof(AutoTracker.Identity.OrganizationUnit.Code)))
        {
            return true;
        }

        // Identity's login and token tables key their rows by provider names and keys that are case-sensitive.
        return property.IsPrimaryKey() && entityType.FindPrimaryKey()!.Properties.Count > 1;
    }
}
