using Microsoft.AspNetCore.Mvc;

namespace AutoTracker;

public static class LocalCreatedResults
{
    /// <summary>
    /// Returns 201 Created with a relative Location such as <c>/api/app/vehicles/{id}</c>. CreatedAtAction would
    /// write an absolute URL built from the request's scheme and Host header, which a client can forge.
    /// </summary>
    public static CreatedResult CreatedAtLocalAction(this ControllerBase controller, string actionName, object routeValues, object value)
    {
        var url = controller.Url.Action(actionName, routeValues)
            ?? throw new InvalidOperationException($"No route matches the action {actionName} with the given values.");
        return controller.Created(url, value);
    }
}
