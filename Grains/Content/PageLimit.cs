using Grains.Interfaces.Content;

namespace Grains.Content;

internal static class PageLimit
{
    /// <summary>
    /// The page size to use. Like Django REST Framework's pagination, an oversize limit is cut to the
    /// maximum rather than refused; a limit below one is an error.
    /// </summary>
    public static int Of(PageRequest request, FieldErrors errors)
    {
        if (request.Limit is not { } limit) return PageRequest.DefaultLimit;
        if (limit < 1) errors.Add("limit", "Ensure this value is greater than or equal to 1.");
        return Math.Clamp(limit, 1, PageRequest.MaxLimit);
    }
}
