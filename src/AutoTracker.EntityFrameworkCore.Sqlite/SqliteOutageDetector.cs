using Microsoft.Data.Sqlite;

namespace AutoTracker.EntityFrameworkCore.Sqlite;

/// <summary>
/// Recognizes a SQLite file that cannot serve requests right now: busy or locked past the timeout, an I/O
/// error, or a file that cannot be opened.
/// </summary>
public sealed class SqliteOutageDetector : IDatabaseOutageDetector
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int CannotOpen = 14;

    public bool IsOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException { SqliteErrorCode: Busy or Locked or IoError or CannotOpen })
            {
                return true;
            }
        }

        return false;
    }
}
