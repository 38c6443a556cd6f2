using Grains.Interfaces.Content;

namespace Api.Content;

/// <summary>Gives every successful single-resource response the resource's version as a strong ETag.</summary>
internal sealed class ETagFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is IValueHttpResult { Value: IVersioned resource } and IStatusCodeHttpResult { StatusCode: < 300 })
            context.HttpContext.Response.Headers.ETag = IfMatchHeader.ETagOf(resource);
        return result;
    }
}
