namespace AutoTracker.Pages;

public static class ServiceScopeFactoryExtensions
{
    /// <summary>
    /// Runs <paramref name="read"/> on a service resolved from a new DI scope, so it reads from the database
    /// and not from the request's DbContext. Use it after a failed save: that DbContext still tracks the
    /// rejected changes and would return them instead of the stored values. The tenant carries over, because
    /// the current tenant is kept per async flow, not per scope.
    /// </summary>
    public static async Task<TResult> ReadFreshAsync<TService, TResult>(this IServiceScopeFactory scopes, Func<TService, Task<TResult>> read)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
