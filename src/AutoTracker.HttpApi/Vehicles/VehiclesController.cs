using AutoTracker.Application;
using AutoTracker.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AutoTracker.Vehicles;

[ApiController]
[Route("api/app/vehicles")]
[Authorize(AutoTrackerPermissions.Vehicles.Default)]
public sealed class VehiclesController(IVehicleAppService vehicles) : ControllerBase
{
    [HttpGet]
    public Task<PagedResult<VehicleDto>> GetListAsync([FromQuery] GetVehicleListInput input, CancellationToken cancellationToken) =>
        vehicles.GetListAsync(input, cancellationToken);

    [HttpGet("{id:guid}")]
    public Task<VehicleDto> GetAsync(Guid id, CancellationToken cancellationToken) => vehicles.GetAsync(id, cancellationToken);

    [Authorize(AutoTrackerPermissions.Vehicles.Create)]
    [HttpPost]
    public async Task<ActionResult<VehicleDto>> CreateAsync(CreateUpdateVehicleDto input, CancellationToken cancellationToken)
    {
        var created = await vehicles.CreateAsync(input, cancellationToken);
        return this.CreatedAtLocalAction("Get", new { id = created.Id }, created);
    }

    [Authorize(AutoTrackerPermissions.Vehicles.Edit)]
    [HttpPut("{id:guid}")]
    public Task<VehicleDto> UpdateAsync(Guid id, UpdateVehicleDto input, CancellationToken cancellationToken) =>
        vehicles.UpdateAsync(id, input, cancellationToken);

    [Authorize(AutoTrackerPermissions.Vehicles.Delete)]
    [HttpDelete("{id:guid}")]
    public async Task<IActionResult> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await vehicles.DeleteAsync(id, cancellationToken);
        return NoContent();
    }

    /// <summary>Decodes a VIN without saving anything, for the vehicle form's live check.</summary>
    [HttpGet("decode-vin")]
    public VinDecodingDto DecodeVin([FromQuery] VinQuery query) => vehicles.DecodeVin(query.Vin);
}

public sealed class VinQuery
{
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.DataAnnotations.StringLength(VehicleConsts.MaxVinInputLength)]
    public string Vin { get; set; } = string.Empty;
}
