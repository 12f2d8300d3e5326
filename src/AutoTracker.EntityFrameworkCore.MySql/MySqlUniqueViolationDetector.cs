using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MySql.Data.MySqlClient;

namespace AutoTracker.EntityFrameworkCore.MySql;

/// <summary>
/// Reads MySQL's and MariaDB's duplicate-key error 1062 (ER_DUP_ENTRY). The message names the index:
/// MariaDB writes "Duplicate entry '...' for key 'IX_Vehicles_TenantId_Vin'", and MySQL 8 prefixes the table,
/// "... for key 'Vehicles.IX_Vehicles_TenantId_Vin'".
/// </summary>
public sealed partial class MySqlUniqueViolationDetector : IUniqueViolationDetector
{
    private const int DuplicateEntry = 1062;

    public UniqueIndexViolation? Detect(DbUpdateException exception)
    {
        if (exception.InnerException is not MySqlException { Number: DuplicateEntry } mysql)
        {
            return null;
        }

        var match = KeyName().Match(mysql.Message);
        if (!match.Success)
        {
            return new UniqueIndexViolation(null, [], null);
        }

        var key = match.Groups["key"].Value;
        var dot = key.LastIndexOf('.');
        return dot < 0
            ? new UniqueIndexViolation(null, [], key)
            : new UniqueIndexViolation(key[..dot], [], key[(dot + 1)..]);
    }

    [GeneratedRegex(@"for key '(?<key>[^']+)'\s*$")]
    private static partial Regex KeyName();
}
