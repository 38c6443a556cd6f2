namespace Grains.Content;

/// <summary>Collects validation messages by snake_case field name, worded as Django REST Framework words them.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = [];

    public bool Any => _errors.Count > 0;

    public Dictionary<string, string[]> ToDictionary() => new(_errors);

    /// <summary>Checks a text field: present when <paramref name="required"/>, not blank, at most <paramref name="maxLength"/> characters.</summary>
    public FieldErrors Text(string field, string? value, int maxLength, bool required, bool allowBlank = false)
    {
        if (value is null)
        {
            if (required) Add(field, "This field is required.");
        }
        else if (!allowBlank && string.IsNullOrWhiteSpace(value))
        {
            Add(field, "This field may not be blank.");
        }
        else if (!TextLength.AtMost(value, maxLength))
        {
            Add(field, $"Ensure this field has no more than {maxLength} characters.");
        }

        return this;
    }

    public FieldErrors Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "This field is required.");
        return this;
    }

    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

}
