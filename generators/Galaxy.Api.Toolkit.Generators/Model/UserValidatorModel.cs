namespace Galaxy.Api.Toolkit.Generators.Model;

/// <summary>A FluentValidation <c>AbstractValidator&lt;T&gt;</c> of the user's, and what its rules say.</summary>
/// <param name="Validator">The validator class.</param>
/// <param name="ValidatedId">The component id of the validated type.</param>
/// <param name="ConstructorParameters">Its constructor's services (it is created per request).</param>
/// <param name="Rules">The rules read from its constructor.</param>
/// <param name="Includes">Validators whose rules it includes (<c>Include(new X())</c>), by validator type identifier.</param>
internal sealed record UserValidatorModel(
    TypeRef Validator,
    string ValidatedId,
    EquatableArray<ServiceParameterModel> ConstructorParameters,
    EquatableArray<RuleModel> Rules,
    EquatableArray<string> Includes,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The rules of one <c>RuleFor</c>/<c>RuleForEach</c> chain that a schema can state, and those it cannot.</summary>
/// <param name="Property">The CLR name of the member the chain validates.</param>
/// <param name="ForEach">Whether the rules apply to each item (<c>RuleForEach</c>).</param>
/// <param name="NotExpressible">Rules a schema cannot state (<c>Must</c>, <c>When</c>...), as written.</param>
internal sealed record RuleModel(
    string Property,
    bool ForEach,
    bool Required,
    ConstraintsModel Constraints,
    EquatableArray<string> NotExpressible);
