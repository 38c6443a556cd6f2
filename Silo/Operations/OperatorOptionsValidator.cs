using Microsoft.Extensions.Options;

namespace Silo.Operations;

/// <summary>Operator credentials given by halves would leave the endpoints closed without saying why.</summary>
internal sealed class OperatorOptionsValidator : IValidateOptions<OperatorOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorOptions options) =>
        string.IsNullOrEmpty(options.Username) == string.IsNullOrEmpty(options.Password)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{OperatorOptions.SectionName}:Username and {OperatorOptions.SectionName}:Password go together: set both or neither.");
}
