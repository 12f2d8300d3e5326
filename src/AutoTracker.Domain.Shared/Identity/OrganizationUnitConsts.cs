namespace AutoTracker.Identity;

/// <summary>Limits of the organization unit tree, shared by the entity, the DTO validation and the schema.</summary>
public static class OrganizationUnitConsts
{
    public const int MaxDisplayNameLength = 128;

    /// <summary>Digits of one level of a unit's code, such as 00042; a parent can have at most 99,999 children over its lifetime.</summary>
    public const int CodeUnitLength = 5;

    /// <summary>Deepest level of the tree; a root is at depth 1.</summary>
    public const int MaxDepth = 16;

    /// <summary>Length of the longest code: <see cref="MaxDepth"/> levels joined by dots.</summary>
    public const int MaxCodeLength = MaxDepth * (CodeUnitLength + 1) - 1;

    /// <summary>Most children one unit (or the tenant's root level) may have at a time.</summary>
    public const int MaxChildren = 500;

    /// <summary>Most users or roles one request may add to a unit.</summary>
    public const int MaxIdsPerRequest = 100;
}
