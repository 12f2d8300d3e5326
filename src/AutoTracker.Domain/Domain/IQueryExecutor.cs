namespace AutoTracker.Domain;

/// <summary>
/// Runs a LINQ query asynchronously against the database, so application services can build queries
/// without referencing EF Core.
/// </summary>
public interface IQueryExecutor
{
    Task<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken);

    Task<T?> FirstOrDefaultAsync<T>(IQueryable<T> query, CancellationToken cancellationToken);

    Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken cancellationToken);

    Task<bool> AnyAsync<T>(IQueryable<T> query, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the rows that <paramref name="query"/> selects in one statement, without loading them, and returns
    /// how many were deleted. The tenant filter of a repository query still applies, but the save interceptor
    /// does not run, so use it only for rows that need no audit.
    /// </summary>
    Task<int> ExecuteDeleteAsync<T>(IQueryable<T> query, CancellationToken cancellationToken);
}
