namespace AutoTracker.Domain;

/// <summary>
/// Root of a consistency boundary. <see cref="ConcurrencyStamp"/> changes on every save, so a client that
/// sends back an old stamp is told its copy is stale instead of overwriting someone else's change.
/// </summary>
public abstract class AggregateRoot
{
    protected AggregateRoot(Guid id)
    {
        Id = id;
    }

    public Guid Id { get; protected set; }

    public string ConcurrencyStamp { get; set; } = NewConcurrencyStamp();

    /// <summary>UTC time of the insert, set by the database layer.</summary>
    public DateTime CreationTime { get; set; }

    /// <summary>UTC time of the last update, set by the database layer.</summary>
    public DateTime? LastModificationTime { get; set; }

    public static string NewConcurrencyStamp() => Guid.NewGuid().ToString("N");
}
