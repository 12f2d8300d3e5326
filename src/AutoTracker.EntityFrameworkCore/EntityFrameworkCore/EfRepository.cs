using AutoTracker.Domain;
using Microsoft.EntityFrameworkCore;

namespace AutoTracker.EntityFrameworkCore;

public sealed class EfRepository<TAggregate>(AutoTrackerDbContext dbContext) : IRepository<TAggregate>
    where TAggregate : AggregateRoot
{
    public IQueryable<TAggregate> Query() => dbContext.Set<TAggregate>();

    public IQueryable<TAggregate> QueryAcrossTenants() => dbContext.Set<TAggregate>().IgnoreQueryFilters([AutoTrackerDbContext.TenantFilterName]);

    public async Task<TAggregate> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var aggregate = await dbContext.Set<TAggregate>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return aggregate ?? throw new EntityNotFoundException(typeof(TAggregate), id);
    }

    public void Insert(TAggregate aggregate) => dbContext.Set<TAggregate>().Add(aggregate);

    public void Delete(TAggregate aggregate) => dbContext.Set<TAggregate>().Remove(aggregate);

    public void ExpectConcurrencyStamp(TAggregate aggregate, string expectedStamp)
    {
        dbContext.Entry(aggregate).Property(a => a.ConcurrencyStamp).OriginalValue = expectedStamp;
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

public sealed class EfUnitOfWork(AutoTrackerDbContext dbContext) : IUnitOfWork
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
}
