using AutoTracker.EntityFrameworkCore;
using AutoTracker.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.Vehicles;

/// <summary>
/// Asks SQLite how it runs each sorted vehicle-list page: every allowed sort must walk an index led by TenantId
/// instead of scanning the table and sorting it in a temporary B-tree.
/// </summary>
public sealed class VehicleListQueryPlanTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>
{
    public static TheoryData<VehicleSortField> SortFields() => new(Enum.GetValues<VehicleSortField>());

    [Theory]
    [MemberData(nameof(SortFields))]
    public async Task ListPage_EachSortField_UsesTenantIndexWithoutTempSort(VehicleSortField sort)
    {
        var tenant = await host.CreateTenantAsync();

        var sqlText = string.Empty;
        var plan = await host.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AutoTrackerDbContext>();
            var query = Sorted(db.Vehicles, sort).Skip(100).Take(51);
            sqlText = query.ToQueryString();
            return await ExplainAsync(db, sqlText);
        });

        plan.ShouldContain("USING INDEX IX_Vehicles_TenantId_", Case.Sensitive, plan + " :: " + sqlText);
        plan.ShouldNotContain("USE TEMP B-TREE FOR ORDER BY", Case.Sensitive, plan);
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
