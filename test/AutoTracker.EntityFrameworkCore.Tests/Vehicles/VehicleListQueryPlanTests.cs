using AutoTracker.EntityFrameworkCore;
using AutoTracker.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles;

/// <summary>
/// Asks the database how it runs each sorted vehicle-list page: every allowed sort must walk an index led by
/// TenantId instead of scanning the table and sorting it (SQLite's temporary B-tree, MySQL's filesort).
/// </summary>
public sealed class VehicleListQueryPlanTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    public static TheoryData<VehicleSortField> SortFields() => new(Enum.GetValues<VehicleSortField>());

    [Theory]
    [MemberData(nameof(SortFields))]
    public async Task ListPage_EachSortField_UsesTenantIndexWithoutTempSort(VehicleSortField sort)
    {
        var tenant = await host.CreateTenantAsync();
        if (TestDatabase.RunsOnMySql)
        {
            // MySQL's optimizer scans a table of a few rows whatever its indexes; with rows in two tenants it uses them.
            await AddVehiclesAsync(tenant, 300);
            await AddVehiclesAsync(await host.CreateTenantAsync(), 300);
        }

        var sqlText = string.Empty;
        var plan = await host.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var query = Sorted(db.Vehicles, sort).Skip(100).Take(51);
            sqlText = query.ToQueryString();
            return TestDatabase.RunsOnMySql ? await ExplainOnMySqlAsync(db, sqlText) : await ExplainAsync(db, sqlText);
        });

        if (TestDatabase.RunsOnMySql)
        {
            plan.ShouldContain("key=IX_Vehicles_TenantId_", Case.Sensitive, plan + " :: " + sqlText);
            plan.ShouldNotContain("Using filesort", Case.Sensitive, plan);
            plan.ShouldNotContain("Using temporary", Case.Sensitive, plan);
        }
        else
        {
            plan.ShouldContain("USING INDEX IX_Vehicles_TenantId_", Case.Sensitive, plan + " :: " + sqlText);
            plan.ShouldNotContain("USE TEMP B-TREE FOR ORDER BY", Case.Sensitive, plan);
        }
    }

    [Theory]
    [MemberData(nameof(SortFields))]
    public async Task UnitFilteredPage_EachSortField_UsesIndexesOnly(VehicleSortField sort)
    {
        var tenant = await host.CreateTenantAsync();
        await AddVehiclesAsync(tenant, TestDatabase.RunsOnMySql ? 300 : 20);
        if (TestDatabase.RunsOnMySql)
        {
            await AddVehiclesAsync(await host.CreateTenantAsync(), 300);
        }

        var userId = await AddUnitMemberAsync(tenant);
        var sqlText = string.Empty;
        var plan = await host.AsUserAsync(tenant, userId, [], async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var visible = await sp.GetRequiredService<VehicleVisibility>().QueryAsync(CancellationToken.None);
            var query = Sorted(visible, sort).Skip(100).Take(51);
            sqlText = query.ToQueryString();
            return TestDatabase.RunsOnMySql ? await ExplainOnMySqlAsync(db, sqlText) : await ExplainAsync(db, sqlText);
        });

        if (TestDatabase.RunsOnMySql)
        {
            plan.ShouldContain("key=IX_Vehicles_TenantId_", Case.Sensitive, plan + " :: " + sqlText);
            plan.ShouldNotContain("key=(none)", Case.Sensitive, plan + " :: " + sqlText);
            plan.ShouldNotContain("Using filesort", Case.Sensitive, plan);
        }
        else
        {
            plan.ShouldContain("USING INDEX IX_Vehicles_TenantId_", Case.Sensitive, plan + " :: " + sqlText);
            plan.ShouldNotContain("SCAN OrganizationUnits", Case.Sensitive, plan);
            plan.ShouldNotContain("SCAN UserOrganizationUnits", Case.Sensitive, plan);
            plan.ShouldNotContain("USE TEMP B-TREE FOR ORDER BY", Case.Sensitive, plan);
        }
    }

    /// <summary>Creates a unit with a child, assigns every tenth vehicle to the child, and returns a new member of the parent.</summary>
    private Task<Guid> AddUnitMemberAsync(Guid tenantId) =>
        host.InTenantAsync(tenantId, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var userId = await TestUsers.CreateAsync(sp, tenantId, $"u{Guid.NewGuid():N}"[..20], "plan-test-passphrase-77", []);
            var parent = new AutoTracker.Identity.OrganizationUnit(Guid.NewGuid(), null, "00001", "North");
            var child = new AutoTracker.Identity.OrganizationUnit(Guid.NewGuid(), parent.Id, "00001.00001", "Depot");
            db.OrganizationUnits.AddRange(parent, child);
            db.UserOrganizationUnits.Add(new AutoTracker.Identity.UserOrganizationUnit(Guid.NewGuid(), userId, parent.Id));
            var vehicles = await db.Vehicles.OrderBy(v => v.Id).ToListAsync();
            foreach (var vehicle in vehicles.Where((_, i) => i % 10 == 0))
            {
                vehicle.OrganizationUnitId = child.Id;
            }

            await db.SaveChangesAsync();
            return userId;
        });

    private Task AddVehiclesAsync(Guid tenantId, int count) =>
        host.InTenantAsync(tenantId, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            for (var i = 0; i < count; i++)
            {
                db.Vehicles.Add(new Vehicle(Guid.NewGuid(), $"Make{i % 17}", $"Model{i % 29}", MeterUnit.Kilometers, VehicleKind.Fleet)
                {
                    ModelYear = 1990 + (i % 35),
                    Plate = $"P{i:D5}",
                    UnitNumber = $"U{i:D5}",
                });
            }

            await db.SaveChangesAsync();
        });

    /// <summary>Runs MySQL's EXPLAIN and returns one "table key=... Extra" entry per row.</summary>
    private static async Task<string> ExplainOnMySqlAsync(AutoTrackerDbContext db, string sql)
    {
        // ToQueryString declares the parameters as SET @name = value; statements ahead of the query.
        var lines = sql.Split('\n');
        var assignments = lines.TakeWhile(l => l.StartsWith("SET ", StringComparison.Ordinal) || l.Length == 0).ToList();
        var statement = string.Join('\n', lines.Skip(assignments.Count));
        await using var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN " + statement;
        foreach (var line in assignments.Where(l => l.Length > 0))
        {
            var parts = line["SET ".Length..].TrimEnd(';').Split(" = ", 2);
            var parameter = command.CreateParameter();
            parameter.ParameterName = parts[0];
            parameter.Value = parts[1] switch
            {
                "NULL" => DBNull.Value,
                var text when text.StartsWith('\'') => text.Trim('\''),
                var text when long.TryParse(text, out var number) => number,
                var text => text,
            };
            command.Parameters.Add(parameter);
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            if (reader.FieldCount < 10)
            {
                continue;
            }

            while (await reader.ReadAsync())
            {
                var key = reader["key"] as string ?? "(none)";
                var extra = reader["Extra"] as string ?? string.Empty;
                rows.Add($"{reader["table"]} key={key} {extra}");
            }
        }
        while (await reader.NextResultAsync());

        return string.Join(" | ", rows);
    }

    private static IQueryable<Vehicle> Sorted(IQueryable<Vehicle> query, VehicleSortField sort) => sort switch
    {
        VehicleSortField.Make => query.OrderBy(v => v.Make).ThenBy(v => v.Model).ThenBy(v => v.Id),
        VehicleSortField.ModelYear => query.OrderBy(v => v.ModelYear).ThenBy(v => v.Id),
        VehicleSortField.Plate => query.OrderBy(v => v.Plate).ThenBy(v => v.Id),
        VehicleSortField.UnitNumber => query.OrderBy(v => v.UnitNumber).ThenBy(v => v.Id),
        _ => query.OrderByDescending(v => v.CreationTime).ThenByDescending(v => v.Id),
    };

    private static async Task<string> ExplainAsync(AutoTrackerDbContext db, string sql)
    {
        // ToQueryString declares the parameters with .param set; EXPLAIN needs them inline, so the lines are split off.
        var lines = sql.Split('\n');
        var parameters = lines.TakeWhile(l => l.StartsWith(".param", StringComparison.Ordinal)).ToList();
        var statement = string.Join('\n', lines.Skip(parameters.Count));
        await using var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + statement;
        foreach (var line in parameters)
        {
            var parts = line.Split(' ', 4);
            var parameter = command.CreateParameter();
            parameter.ParameterName = parts[2];
            parameter.Value = parts[3].Trim() switch
            {
                "NULL" => DBNull.Value,
                var text when text.StartsWith('\'') => text.Trim('\''),
                var text when long.TryParse(text, out var number) => number,
                var text => text,
            };
            command.Parameters.Add(parameter);
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(3));
        }

        return string.Join(" | ", rows);
    }
}
