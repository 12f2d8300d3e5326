using AutoTracker.MultiTenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using System.Reflection;

namespace AutoTracker.EntityFrameworkCore.MultiTenancy;

#pragma warning disable EF1001 // MigrationsAssembly is EF Core's internal default; it is public and meant to be derived from.

/// <summary>
/// The migrations of a tenant's own database: the same migrations as the host database, without the operations on
/// tables of <see cref="IHostOnly"/> entities, so a tenant database never gets the tenants table. Each migration
/// keeps its id, so the history table lists the same migrations as the host's.
/// </summary>
public sealed class TenantMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : Microsoft.EntityFrameworkCore.Migrations.Internal.MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    /// <summary>
    /// Annotation that marks an operation for the host database only, such as SQL that reads the tenants table.
    /// </summary>
    public const string HostOnlyAnnotation = "AutoTracker:HostOnly";

    private readonly HashSet<string> _hostOnlyTables = HostOnlyTables(currentContext.Context.Model);

    public override Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = base.CreateMigration(migrationClass, activeProvider);
        RemoveHostOnly(migration.UpOperations);
        RemoveHostOnly(migration.DownOperations);
        return migration;
    }

    /// <summary>The tables of the entities marked <see cref="IHostOnly"/>.</summary>
    public static HashSet<string> HostOnlyTables(Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
        model.GetEntityTypes()
            .Where(t => typeof(IHostOnly).IsAssignableFrom(t.ClrType))
            .Select(t => t.GetTableName())
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private void RemoveHostOnly(IReadOnlyList<MigrationOperation> operations)
    {
        // Migration builds its operation lists once and returns the same List on every read, so removing from it
        // changes what the migrator applies. A future EF Core that returns a copy fails here instead of silently.
        if (operations is not List<MigrationOperation> list)
        {
            throw new InvalidOperationException("Migration operations are no longer a mutable list; the host-only tables cannot be left out.");
        }

        list.RemoveAll(operation => operation switch
        {
            RenameTableOperation rename => _hostOnlyTables.Contains(rename.Name) || _hostOnlyTables.Contains(rename.NewName ?? string.Empty),
            DropIndexOperation dropIndex => _hostOnlyTables.Contains(dropIndex.Table ?? string.Empty),
            RenameIndexOperation renameIndex => _hostOnlyTables.Contains(renameIndex.Table ?? string.Empty),
            ITableMigrationOperation table => _hostOnlyTables.Contains(table.Table),
            _ when operation[HostOnlyAnnotation] is true => true,
            _ => false,
        });
    }
}

#pragma warning restore EF1001
