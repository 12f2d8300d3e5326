using AutoTracker.Domain;
using AutoTracker.MultiTenancy;

namespace AutoTracker.Settings;

/// <summary>
/// A stored setting value: a host default when <see cref="TenantId"/> is null (in the host database), else a tenant's
/// override (in the tenant's database, which may be its own). A setting without a row uses the next level's value.
/// </summary>
public sealed class SettingValue : AggregateRoot, IMultiTenant
{
    private SettingValue()
        : base(Guid.Empty)
    {
        Name = string.Empty;
        Value = string.Empty;
    }

    public SettingValue(Guid id, string name, string value)
        : base(id)
    {
        Name = SettingDefinitions.Get(name).Name;
        Value = value;
    }

    /// <summary>Set by the database layer on insert, from the current tenant.</summary>
    public Guid? TenantId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The value in the stored form that <see cref="SettingDefinition.Normalize"/> returns.</summary>
    public string Value { get; private set; }

    public void ChangeValue(string value) => Value = value;
}
