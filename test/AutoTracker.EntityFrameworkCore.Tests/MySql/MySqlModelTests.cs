using AutoTracker.EntityFrameworkCore;
using AutoTracker.EntityFrameworkCore.MySql;
using AutoTracker.Identity;
using AutoTracker.PermissionManagement;
using AutoTracker.TenantManagement;
using AutoTracker.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AutoTracker.MySql;

/// <summary>
/// Checks the MySQL model as the migrations see it, without a server: index sizes within InnoDB's limit,
/// collations per kind of text, and column types for dates.
/// </summary>
public sealed class MySqlModelTests
{
    private static readonly IModel Model = new MySqlDesignTimeDbContextFactory().CreateDbContext([]).GetService<IDesignTimeModel>().Model;

    [Fact]
    public void Indexes_FitInnoDbKeyLimit()
    {
        foreach (var entityType in Model.GetEntityTypes())
        {
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var keys = entityType.GetIndexes().Select(i => (Name: i.GetDatabaseName(table), i.Properties))
                .Concat(entityType.GetKeys().Select(k => (Name: k.GetName(table), k.Properties)));
            foreach (var (name, properties) in keys)
            {
                var bytes = properties.Sum(p => KeyBytes(p, table));
                bytes.ShouldBeLessThanOrEqualTo(MySqlModelCustomizer.MaxIndexBytes, $"{entityType.GetTableName()}.{name}");
            }
        }
    }

    [Theory]
    [InlineData(typeof(AppUser), nameof(AppUser.NormalizedUserName))]
    [InlineData(typeof(AppUser), nameof(AppUser.NormalizedEmail))]
    [InlineData(typeof(AppUser), nameof(AppUser.SecurityStamp))]
    [InlineData(typeof(AppRole), nameof(AppRole.NormalizedName))]
    [InlineData(typeof(Tenant), nameof(Tenant.NormalizedName))]
    [InlineData(typeof(Tenant), nameof(Tenant.ConcurrencyStamp))]
    [InlineData(typeof(Vehicle), nameof(Vehicle.Vin))]
    [InlineData(typeof(PermissionGrant), nameof(PermissionGrant.Name))]
    [InlineData(typeof(PermissionGrant), nameof(PermissionGrant.ProviderName))]
    [InlineData(typeof(PermissionGrant), nameof(PermissionGrant.ProviderKey))]
    public void NormalizedAndGeneratedText_ComparesExactly(Type entity, string property) =>
        Model.FindEntityType(entity)!.FindProperty(property)!.GetCollation().ShouldBe(MySqlModelCustomizer.ExactCollation);

    [Theory]
    [InlineData(typeof(Vehicle), nameof(Vehicle.Make))]
    [InlineData(typeof(Vehicle), nameof(Vehicle.Model))]
    [InlineData(typeof(Vehicle), nameof(Vehicle.Plate))]
    [InlineData(typeof(Tenant), nameof(Tenant.Name))]
    public void PeoplesText_UsesModelCollation(Type entity, string property)
    {
        Model.FindEntityType(entity)!.FindProperty(property)!.GetCollation().ShouldBeNull();
        Model.GetCollation().ShouldBe(MySqlModelCustomizer.TextCollation);
    }

    [Fact]
    public void LockoutEnd_IsUtcDateTimeWithFraction() =>
        Model.FindEntityType(typeof(AppUser))!.FindProperty(nameof(AppUser.LockoutEnd))!.GetColumnType().ShouldBe("datetime(6)");

    [Fact]
    public void DateOnlyColumns_AreDates()
    {
        var dates = Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.ClrType == typeof(DateOnly) || p.ClrType == typeof(DateOnly?)).ToList();

        dates.ShouldNotBeEmpty();
        dates.ShouldAllBe(p => p.GetColumnType() == "date");
    }

    [Theory]
    [InlineData("SELECT GET_LOCK('__EFMigrationsLock',-1);", "SELECT (GET_LOCK('__EFMigrationsLock',600) + 0 * 9223372036854775807);")]
    [InlineData("DELETE FROM `ImportBatches` AS `i`\nWHERE `i`.`Id` = 1", "DELETE `i` FROM `ImportBatches` AS `i`\nWHERE `i`.`Id` = 1")]
    [InlineData("SELECT 1 FROM `T` WHERE `Note` = 'DELETE FROM `x` AS `y`'", "SELECT 1 FROM `T` WHERE `Note` = 'DELETE FROM `x` AS `y`'")]
    [InlineData("UPDATE `AspNetUsers` AS `a` SET `a`.`AccessFailedCount` = 0", "UPDATE `AspNetUsers` AS `a` SET `a`.`AccessFailedCount` = 0")]
    public void CompatibilityRewrite_ChangesOnlyRejectedStatements(string sql, string expected) =>
        MariaDbCompatibilityInterceptor.Rewrite(sql).ShouldBe(expected);

    /// <summary>Returns the bytes a column takes in an index key: four per character for utf8mb4 text.</summary>
    private static int KeyBytes(IProperty property, StoreObjectIdentifier table)
    {
        var type = property.GetColumnType(table);
        if (type.StartsWith("varchar(", StringComparison.Ordinal) || type.StartsWith("char(", StringComparison.Ordinal))
        {
            var length = int.Parse(type[(type.IndexOf('(') + 1)..type.IndexOf(')')], System.Globalization.CultureInfo.InvariantCulture);
            return length * 4;
        }

        return type switch
        {
            "int" or "date" => 4,
            "tinyint(1)" => 1,
            "bigint" or "double" => 8,
            "datetime(6)" => 8,
            _ when type.StartsWith("decimal", StringComparison.Ordinal) => 16,
            _ => throw new InvalidOperationException($"Column {property.Name} of type {type} is in an index; add its key size here."),
        };
    }
}
