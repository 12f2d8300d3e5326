using AutoTracker.Domain;
using AutoTracker.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging;

namespace AutoTracker.EntityFrameworkCore;

/// <summary>
/// A repository on the scope's DbContext. Host-only aggregates (<see cref="AutoTracker.MultiTenancy.IHostOnly"/>) use
/// <see cref="MultiTenancy.HostDatabase"/>, which is the scope's context when that is on the host database and a
/// separate one when the scope is on a tenant's own database, where their tables do not exist.
/// </summary>
public sealed class EfRepository<TAggregate>(AutoTrackerDbContext scopeContext, MultiTenancy.HostDatabase hostDatabase)
    : IRepository<TAggregate>
    where TAggregate : AggregateRoot
{
    private static readonly bool IsHostOnly = typeof(AutoTracker.MultiTenancy.IHostOnly).IsAssignableFrom(typeof(TAggregate));

    private AutoTrackerDbContext Context => IsHostOnly ? hostDatabase.Context : scopeContext;

    public IQueryable<TAggregate> Query() => Context.Set<TAggregate>();

    public async Task<TAggregate> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var aggregate = await Context.Set<TAggregate>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return aggregate ?? throw new EntityNotFoundException(typeof(TAggregate), id);
    }

    public void Insert(TAggregate aggregate) => Context.Set<TAggregate>().Add(aggregate);

    public void Delete(TAggregate aggregate) => Context.Set<TAggregate>().Remove(aggregate);

    public void ExpectConcurrencyStamp(TAggregate aggregate, string expectedStamp)
    {
        Context.Entry(aggregate).Property(a => a.ConcurrencyStamp).OriginalValue = expectedStamp;
    }
}

public sealed class EfQueryExecutor : IQueryExecutor
{
    public Task<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        EntityFrameworkQueryableExtensions.ToListAsync(query, cancellationToken);

    public Task<T?> FirstOrDefaultAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(query, cancellationToken);

    public Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        EntityFrameworkQueryableExtensions.CountAsync(query, cancellationToken);

    public Task<bool> AnyAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        EntityFrameworkQueryableExtensions.AnyAsync(query, cancellationToken);

    public Task<int> ExecuteDeleteAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(query, cancellationToken);
}

/// <summary>
/// Saves through the DbContext and turns the database's refusals into the domain's exceptions: a stale
/// concurrency stamp and a unique-index violation on any other index become <see cref="ConcurrencyConflictException"/>,
/// and a duplicate VIN, which two requests can save at the same time after both checked it, becomes the same
/// <see cref="BusinessException"/> that the VIN check throws.
/// </summary>
public sealed partial class EfUnitOfWork(
    AutoTrackerDbContext dbContext,
    IUniqueViolationDetector uniqueViolations,
    ILogger<EfUnitOfWork> logger) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await dbContext.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConcurrencyConflictException(ex);
        }
        catch (DbUpdateException ex) when (uniqueViolations.Detect(ex) is { } violation)
        {
            throw ToDomainException(violation, ex);
        }
    }

    public async Task<T> RunInTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (dbContext.Database.CurrentTransaction is not null)
        {
            // A call inside another joins its transaction, because SQLite cannot nest them: the outermost call
            // commits, and an exception thrown here rolls back the whole of it.
            var joinedResult = await work(cancellationToken);
            await SaveChangesAsync(cancellationToken);
            return joinedResult;
        }

        var strategy = dbContext.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            async ct =>
            {
                await using var transaction = await dbContext.Database.BeginTransactionAsync(ct);
                var result = await work(ct);
                await SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return result;
            },
            cancellationToken);
    }

    private Exception ToDomainException(UniqueIndexViolation violation, DbUpdateException exception)
    {
        if (IsVehicleVinIndex(violation))
        {
            var vins = exception.Entries
                .Where(e => e.State is EntityState.Added or EntityState.Modified)
                .Select(e => e.Entity)
                .OfType<Vehicle>()
                .Select(v => v.Vin)
                .OfType<string>()
                .Distinct()
                .ToList();
            var message = vins.Count == 1 ? $"Another vehicle already has the VIN {vins[0]}." : "Another vehicle already has this VIN.";
            return new BusinessException(ErrorCodes.VinDuplicate, message, nameof(Vehicle.Vin));
        }

        LogUniqueViolation(logger, exception, violation.TableName, string.Join(", ", violation.ColumnNames), violation.IndexName);
        return new ConcurrencyConflictException(
            "Another record with the same unique values was saved at the same time, so this one was not saved. Reload and try again.",
            exception);
    }

    /// <summary>Tells whether the violation is of the unique index on the vehicles' tenant and VIN, by its name or by its table and columns.</summary>
    private bool IsVehicleVinIndex(UniqueIndexViolation violation)
    {
        var entityType = dbContext.Model.FindEntityType(typeof(Vehicle));
        var index = entityType?.GetIndexes().FirstOrDefault(i => i.IsUnique && i.Properties.Any(p => p.Name == nameof(Vehicle.Vin)));
        var table = entityType?.GetTableName();
        if (entityType is null || index is null || table is null)
        {
            return false;
        }

        if (violation.IndexName is { } indexName)
        {
            return string.Equals(indexName, index.GetDatabaseName(), StringComparison.OrdinalIgnoreCase);
        }

        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var columns = index.Properties.Select(p => p.GetColumnName(store)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return string.Equals(violation.TableName, table, StringComparison.OrdinalIgnoreCase) && columns.SetEquals(violation.ColumnNames);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "A save broke the unique index on table {TableName}, columns {ColumnNames}, index {IndexName}; reported as a conflict")]
    private static partial void LogUniqueViolation(ILogger logger, Exception exception, string? tableName, string columnNames, string? indexName);
}
