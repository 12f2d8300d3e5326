namespace AutoTracker.EntityFrameworkCore;

/// <summary>
/// Recognizes, in a provider's exception, that the database cannot be reached or cannot serve requests right now
/// (refused or lost connections, a server shutting down, a locked file), as opposed to a fault in the request.
/// The host responds to such failures with 503 so that clients retry later.
/// </summary>
public interface IDatabaseOutageDetector
{
    bool IsOutage(Exception exception);
}
