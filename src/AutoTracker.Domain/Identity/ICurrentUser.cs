namespace AutoTracker.Identity;

/// <summary>The signed-in user of the current operation; the one way application code learns who acts.</summary>
public interface ICurrentUser
{
    /// <summary>The user's id, or null when no user is signed in.</summary>
    Guid? Id { get; }

    bool IsAuthenticated { get; }

    /// <summary>The tenant the user belongs to; null for host users and when no user is signed in.</summary>
    Guid? TenantId { get; }

    /// <summary>Names of the user's roles in the user's tenant; empty when no user is signed in.</summary>
    IReadOnlyList<string> Roles { get; }
}

/// <summary>
/// The user of operations that run without a signed-in person, such as the migrator and the seed. Hosts that
/// serve people replace it with an implementation that reads the request's user.
/// </summary>
public sealed class AnonymousCurrentUser : ICurrentUser
{
    public Guid? Id => null;

    public bool IsAuthenticated => false;

    public Guid? TenantId => null;

    public IReadOnlyList<string> Roles => [];
}
