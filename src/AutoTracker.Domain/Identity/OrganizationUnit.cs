using System.Globalization;
using AutoTracker.Domain;
using AutoTracker.MultiTenancy;

namespace AutoTracker.Identity;

/// <summary>
/// A node of a tenant's organization tree, such as a branch or a depot. <see cref="Code"/> is the materialized path
/// of the node ("00001.00003"), so the units below a unit are the ones whose code starts with its code and a dot.
/// </summary>
public sealed class OrganizationUnit : AggregateRoot, IMultiTenant
{
    private OrganizationUnit()
        : base(Guid.Empty)
    {
        Code = string.Empty;
        DisplayName = string.Empty;
    }

    public OrganizationUnit(Guid id, Guid? parentId, string code, string displayName)
        : base(id)
    {
        ParentId = parentId;
        Code = code;
        DisplayName = displayName;
    }

    public Guid? TenantId { get; private set; }

    public Guid? ParentId { get; private set; }

    /// <summary>Dot-separated path of five-digit numbers, one per level from the root; unique in the tenant.</summary>
    public string Code { get; private set; }

    public string DisplayName { get; set; }

    /// <summary>Number of levels of <paramref name="code"/>; a root unit's code has one.</summary>
    public static int GetDepth(string code) => code.Split('.').Length;

    /// <summary>Builds the code of a child numbered <paramref name="number"/> under <paramref name="parentCode"/> (null for a root).</summary>
    public static string CreateCode(string? parentCode, int number)
    {
        var own = number.ToString(new string('0', OrganizationUnitConsts.CodeUnitLength), CultureInfo.InvariantCulture);
        return parentCode is null ? own : parentCode + "." + own;
    }

    /// <summary>Returns the number of the last level of <paramref name="code"/>.</summary>
    public static int GetLastNumber(string code) =>
        int.Parse(code[(code.LastIndexOf('.') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Tells whether <paramref name="code"/> is <paramref name="ancestorCode"/> itself or lies below it.</summary>
    public static bool IsSameOrBelow(string code, string ancestorCode) =>
        code == ancestorCode || code.StartsWith(ancestorCode + ".", StringComparison.Ordinal);

    /// <summary>Moves this unit under <paramref name="parentId"/>, where it gets <paramref name="code"/>.</summary>
    public void MoveTo(Guid? parentId, string code)
    {
        ParentId = parentId;
        Code = code;
    }

    /// <summary>Replaces the leading <paramref name="oldPrefix"/> of the code, when this unit lies below a unit that moved.</summary>
    public void ReplaceCodePrefix(string oldPrefix, string newPrefix)
    {
        if (!Code.StartsWith(oldPrefix + ".", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unit {Id} does not lie below the code {oldPrefix}.");
        }

        Code = newPrefix + Code[oldPrefix.Length..];
    }
}

/// <summary>A user's membership in an organization unit. The user sees the vehicles of the unit and of every unit below it.</summary>
public sealed class UserOrganizationUnit : AggregateRoot, IMultiTenant
{
    private UserOrganizationUnit()
        : base(Guid.Empty)
    {
    }

    public UserOrganizationUnit(Guid id, Guid userId, Guid organizationUnitId)
        : base(id)
    {
        UserId = userId;
        OrganizationUnitId = organizationUnitId;
    }

    public Guid? TenantId { get; private set; }

    public Guid UserId { get; private set; }

    public Guid OrganizationUnitId { get; private set; }
}

/// <summary>A role given to every member of an organization unit (not to members of the units below it).</summary>
public sealed class OrganizationUnitRole : AggregateRoot, IMultiTenant
{
    private OrganizationUnitRole()
        : base(Guid.Empty)
    {
    }

    public OrganizationUnitRole(Guid id, Guid organizationUnitId, Guid roleId)
        : base(id)
    {
        OrganizationUnitId = organizationUnitId;
        RoleId = roleId;
    }

    public Guid? TenantId { get; private set; }

    public Guid OrganizationUnitId { get; private set; }

    public Guid RoleId { get; private set; }
}
