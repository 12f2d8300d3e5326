namespace AutoTracker.PermissionManagement;

public static class PermissionGrantConsts
{
    public const int MaxNameLength = 128;

    public const int MaxProviderNameLength = 16;

    /// <summary>Long enough for a role name (Identity allows 256 characters) and for a user id.</summary>
    public const int MaxProviderKeyLength = 256;
}

/// <summary>Who a permission is granted to: <see cref="Role"/> (key: the role's name) or <see cref="User"/> (key: the user's id).</summary>
public static class PermissionProviderNames
{
    public const string Role = "R";

    public const string User = "U";
}
