using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AutoTracker.EntityFrameworkCore.MySql;

/// <summary>
/// Rewrites the two statements of MySql.EntityFrameworkCore 10.0.12 that MariaDB (10.11 here) rejects, into forms
/// that MySQL 8 and MariaDB both accept. The provider's services that write them are internal, so the commands
/// are changed on their way out.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The migrations lock, <c>GET_LOCK('__EFMigrationsLock',-1)</c>: MySQL reads -1 as "wait forever", but
/// MariaDB returns NULL for a negative timeout and the provider then fails casting that NULL. The rewrite waits
/// <see cref="LockTimeoutSeconds"/> and adds a BIGINT zero, because the provider unboxes the result as a long
/// and MariaDB types GET_LOCK with a positive timeout as INT.</item>
/// <item><c>ExecuteDelete</c>'s <c>DELETE FROM `T` AS `t` WHERE ...</c>: MariaDB before 11.6 allows no alias in
/// a single-table DELETE. The multi-table form <c>DELETE `t` FROM `T` AS `t` WHERE ...</c> deletes the same rows.</item>
/// </list>
/// </remarks>
public sealed partial class MariaDbCompatibilityInterceptor : DbCommandInterceptor
{
    /// <summary>Seconds a migrator waits for another one (another node starting) to finish.</summary>
    public const int LockTimeoutSeconds = 600;

    private const string WaitForever = "GET_LOCK('__EFMigrationsLock',-1)";

    public static MariaDbCompatibilityInterceptor Instance { get; } = new();

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Rewrite(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Rewrite(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Rewrite(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Rewrite(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Rewrite(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Rewrite(command);
        return ValueTask.FromResult(result);
    }

    /// <summary>Returns <paramref name="sql"/> in the form MariaDB accepts; other statements come back unchanged.</summary>
    public static string Rewrite(string sql)
    {
        if (sql.Contains(WaitForever, StringComparison.Ordinal))
        {
            return sql.Replace(WaitForever, $"(GET_LOCK('__EFMigrationsLock',{LockTimeoutSeconds}) + 0 * 9223372036854775807)", StringComparison.Ordinal);
        }

        return sql.StartsWith("DELETE FROM ", StringComparison.Ordinal)
            ? AliasedDelete().Replace(sql, "DELETE ${alias} FROM ${table} AS ${alias}", 1)
            : sql;
    }

    private static void Rewrite(DbCommand command)
    {
        var rewritten = Rewrite(command.CommandText);
        if (!ReferenceEquals(rewritten, command.CommandText))
        {
            command.CommandText = rewritten;
        }
    }

    [GeneratedRegex(@"^DELETE FROM (?<table>`[^`]+`) AS (?<alias>`[^`]+`)")]
    private static partial Regex AliasedDelete();
}
