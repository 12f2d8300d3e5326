namespace AutoTracker.Domain;

/// <summary>
/// Data access for one aggregate type. Queries see only the current tenant's rows; changes are written by
/// <see cref="IUnitOfWork.SaveChangesAsync"/>.
/// </summary>
public interface IRepository<TAggregate>
    where TAggregate : AggregateRoot
{
    IQueryable<TAggregate> Query();

    /// <summary>Loads the aggregate or throws <see cref="EntityNotFoundException"/>, also for another tenant's id.</summary>
    Task<TAggregate> GetAsync(Guid id, CancellationToken cancellationToken);

    void Insert(TAggregate aggregate);

    void Delete(TAggregate aggregate);

    /// <summary>
    /// Makes the next save fail with <see cref="ConcurrencyConflictException"/> unless the stored stamp still
    /// equals <paramref name="expectedStamp"/>, the stamp the client read.
    /// </summary>
    void ExpectConcurrencyStamp(TAggregate aggregate, string expectedStamp);
}

public interface IUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one database transaction: all of its changes are saved or none. Called
    /// inside another call, it joins the outer transaction, which then decides for both.
    /// </summary>
    Task<T> RunInTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
