using System.Security.Cryptography;
using System.Text;
using AutoTracker.Application;
using AutoTracker.Domain;
using AutoTracker.MultiTenancy;
using Microsoft.Extensions.Logging;

namespace AutoTracker.Settings;

/// <summary>
/// Reads and changes the host defaults and the current tenant's overrides. Writers of one level take a database
/// lock, compare the client's stamp with the stored rows and then save, so a stale page cannot overwrite a newer
/// change. Each save removes the level's cache entry, which every node shares.
/// </summary>
public sealed partial class SettingManagementAppService(
    IRepository<SettingValue> values,
    IQueryExecutor executor,
    IUnitOfWork unitOfWork,
    ISettingProvider provider,
    ICurrentTenant currentTenant,
    IDatabaseLock databaseLock,
    Authorization.IPermissionChecker permissions,
    ILogger<SettingManagementAppService> logger) : ISettingManagementAppService
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    public async Task<SettingsDto> GetTenantAsync(CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(Permissions.SettingManagementPermissions.TenantSettings, cancellationToken);
        EnsureTenantSide();
        var hostDefaults = await provider.GetHostDefaultsAsync(cancellationToken);
        return await ReadLevelAsync(hostDefaults, cancellationToken);
    }

    public async Task<SettingsDto> UpdateTenantAsync(UpdateSettingsDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(Permissions.SettingManagementPermissions.TenantSettings, cancellationToken);
        EnsureTenantSide();
        await SaveLevelAsync(input, cancellationToken);
        return await GetTenantAsync(cancellationToken);
    }

    public async Task<SettingsDto> GetHostAsync(CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(Permissions.SettingManagementPermissions.HostSettings, cancellationToken);
        EnsureHostSide();
        return await ReadLevelAsync(new Dictionary<string, string>(), cancellationToken);
    }

    public async Task<SettingsDto> UpdateHostAsync(UpdateSettingsDto input, CancellationToken cancellationToken)
    {
        await permissions.CheckAsync(Permissions.SettingManagementPermissions.HostSettings, cancellationToken);
        EnsureHostSide();
        await SaveLevelAsync(input, cancellationToken);
        return await GetHostAsync(cancellationToken);
    }

    /// <summary>Reads the current level's rows from the database (not the cache), so the stamp matches what is stored.</summary>
    private async Task<SettingsDto> ReadLevelAsync(IReadOnlyDictionary<string, string> fallbacks, CancellationToken cancellationToken)
    {
        var rows = await executor.ToListAsync(values.Query(), cancellationToken);
        var stored = rows.ToDictionary(r => r.Name, r => r.Value, StringComparer.Ordinal);
        var effective = EffectiveSettings.Combine(fallbacks, stored);
        var inherited = EffectiveSettings.Combine(fallbacks, new Dictionary<string, string>());

        var settings = SettingDefinitions.All
            .Select(d => new SettingDto(
                d.Name,
                d.Group,
                d.Type,
                d.DisplayName,
                effective[d.Name],
                inherited[d.Name],
                stored.ContainsKey(d.Name),
                d.Minimum,
                d.Maximum,
                d.AllowedValues))
            .ToList();
        return new SettingsDto(settings, ComputeStamp(rows));
    }

    private async Task SaveLevelAsync(UpdateSettingsDto input, CancellationToken cancellationToken)
    {
        InputValidator.Validate(input);
        var changes = Normalize(input.Values);

        var lockName = $"settings-{currentTenant.Id?.ToString("N") ?? "host"}";
        await using (await databaseLock.AcquireAsync(lockName, LockTimeout, cancellationToken))
        {
            var rows = await executor.ToListAsync(values.Query(), cancellationToken);
            if (!string.Equals(ComputeStamp(rows), input.ConcurrencyStamp, StringComparison.Ordinal))
            {
                throw new ConcurrencyConflictException();
            }

            Apply(rows, changes);
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }

        await provider.InvalidateAsync(currentTenant.Id, cancellationToken);
        LogSettingsChanged(logger, currentTenant.Id, string.Join(", ", changes.Keys));
    }

    /// <summary>Checks every entry and returns them in stored form, or throws one error per invalid entry, keyed by <c>Values.{name}</c>.</summary>
    private static Dictionary<string, string?> Normalize(IReadOnlyDictionary<string, string?> input)
    {
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in input)
        {
            var field = $"{nameof(UpdateSettingsDto.Values)}.{name}";
            if (SettingDefinitions.Find(name) is not { } definition)
            {
                errors[field] = [$"{name} is not a setting."];
                continue;
            }

            if (value is null)
            {
                changes[name] = null;
                continue;
            }

            if (definition.Normalize(value, out var error) is { } normalized)
            {
                changes[name] = normalized;
            }
            else
            {
                errors[field] = [error!];
            }
        }

        return errors.Count > 0 ? throw new InputValidationException(errors) : changes;
    }

    private void Apply(List<SettingValue> rows, Dictionary<string, string?> changes)
    {
        foreach (var (name, value) in changes)
        {
            var row = rows.Find(r => r.Name == name);
            if (value is null)
            {
                if (row is not null)
                {
                    values.Delete(row);
                }
            }
            else if (row is null)
            {
                values.Insert(new SettingValue(Guid.NewGuid(), name, value));
            }
            else
            {
                row.ChangeValue(value);
            }
        }
    }

    /// <summary>Computes a stamp over the level's rows and their concurrency stamps, which any insert, update or delete changes.</summary>
    public static string ComputeStamp(IEnumerable<SettingValue> rows)
    {
        var text = string.Join('\n', rows.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => $"{r.Name}={r.ConcurrencyStamp}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    private void EnsureTenantSide()
    {
        if (currentTenant.Id is null)
        {
            throw new EntityNotFoundException(typeof(SettingValue), Guid.Empty);
        }
    }

    private void EnsureHostSide()
    {
        if (currentTenant.Id is not null)
        {
            throw new EntityNotFoundException(typeof(SettingValue), Guid.Empty);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Settings of tenant {TenantId} changed: {SettingNames}")]
    private static partial void LogSettingsChanged(ILogger logger, Guid? tenantId, string settingNames);
}
