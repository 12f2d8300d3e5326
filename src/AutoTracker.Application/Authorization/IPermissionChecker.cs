namespace AutoTracker.Authorization;

/// <summary>
/// Checks whether the current user has a permission: the user or one of the user's roles is granted it in the
/// current tenant, every ancestor is held as well, and the permission exists on the current side (host or tenant).
/// </summary>
public interface IPermissionChecker
{
    /// <exception cref="UndefinedPermissionException"><paramref name="name"/> is not defined.</exception>
    Task<bool> IsGrantedAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Throws <see cref="AuthorizationException"/> unless the current user holds the permission.</summary>
    /// <exception cref="UndefinedPermissionException"><paramref name="name"/> is not defined.</exception>
    Task CheckAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>
/// The current user may not do what was requested: no user is signed in, or the user lacks
/// <see cref="PermissionName"/>. The HTTP layer responds with 401 or 403.
/// </summary>
public sealed class AuthorizationException(string permissionName, bool isAuthenticated)
    : Exception(isAuthenticated ? $"The permission {permissionName} is required." : "Sign-in is required.")
{
    public string PermissionName { get; } = permissionName;

    public bool IsAuthenticated { get; } = isAuthenticated;
}
