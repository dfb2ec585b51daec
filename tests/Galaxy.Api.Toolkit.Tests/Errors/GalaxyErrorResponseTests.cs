using System.Text;

namespace Galaxy.Api.Toolkit.Tests.Errors;

public sealed class GalaxyErrorResponseTests
{
    [Fact]
    public void Body_has_Galaxy_s_keys_and_structured_validation_errors()
    {
        var body = Encoding.UTF8.GetString(GalaxyErrorResponse.Serialize(
            GalaxyErrorCodes.UserRequestInvalidParameter,
            "Input should be a valid integer in ('query', 'limit')",
            [new ValidationError(["body", "tags", 2], "bad", "string_type")]));

        Assert.Equal(
            """{"err_msg":"Input should be a valid integer in ('query', 'limit')","err_code":400008,"validation_errors":[{"loc":["body","tags",2],"msg":"bad","type":"string_type"}]}""",
            body);
    }

    [Fact]
    public void Body_without_validation_errors_has_only_the_two_keys()
        => Assert.Equal("""{"err_msg":"No such object found.","err_code":404001}""",
            Encoding.UTF8.GetString(GalaxyErrorResponse.Serialize(GalaxyErrorCodes.UserObjectNotFound, GalaxyErrorCodes.UserObjectNotFound.DefaultMessage, [])));

    [Theory]
    [InlineData(404, 404001)]
    [InlineData(415, 415001)]
    [InlineData(405, 405001)]
    [InlineData(500, 500001)]
    [InlineData(413, 413001)]
    [InlineData(503, 503001)]
    public void Bodiless_status_maps_to_a_Galaxy_code(int status, int code)
    {
        var error = GalaxyErrorResponse.ForStatus(status);

        Assert.Equal(code, error.Code);
        Assert.Equal(status, error.Status);
    }

    [Fact]
    public void Every_code_s_first_three_digits_are_its_status()
    {
        var codes = typeof(GalaxyErrorCodes).GetFields().Select(static f => (GalaxyErrorCode)f.GetValue(null)!).Where(static c => c.Code != 0).ToList();

        Assert.NotEmpty(codes);
        Assert.All(codes, static c => Assert.Equal(c.Status, c.Code / 1000));
        Assert.Equal(codes.Count, codes.Select(static c => c.Code).Distinct().Count());
    }

    [Theory]
    [InlineData(new object[] { "query", "limit" }, "('query', 'limit')")]
    [InlineData(new object[] { "body" }, "('body',)")]
    [InlineData(new object[] { "body", "tags", 2 }, "('body', 'tags', 2)")]
    public void Location_prints_as_a_Python_tuple(object[] location, string expected)
        => Assert.Equal(expected, new ValidationError(location, "m", "t").FormatLocation());

    [Fact]
    public void Missing_only_failures_are_400007_else_400008()
    {
        RequestValidationErrors? errors = null;
        RequestValidationErrors.Add(ref errors, new ValidationError(["query", "a"], "Field required", ValidationError.MissingType));
        Assert.Equal(400007, errors!.ErrorCode.Code);

        RequestValidationErrors.Add(ref errors, new ValidationError(["query", "b"], "bad", "int_parsing"));
        Assert.Equal(400008, errors!.ErrorCode.Code);
        Assert.Equal("Field required in ('query', 'a')\nbad in ('query', 'b')", errors.FormatMessage());
    }
}

public sealed class ExceptionFamilyTests
{
    public static TheoryData<string, int, int> Family => new()
    {
        { nameof(ObjectNotFoundException), 404, 404001 },
        { nameof(RequestParameterInvalidException), 400, 400008 },
        { nameof(RequestParameterMissingException), 400, 400007 },
        { nameof(MalformedIdException), 400, 400009 },
        { nameof(MalformedContentsException), 400, 400013 },
        { nameof(ObjectAttributeInvalidException), 400, 400004 },
        { nameof(ObjectAttributeMissingException), 400, 400005 },
        { nameof(AuthenticationFailedException), 401, 401001 },
        { nameof(AuthenticationRequiredException), 403, 403001 },
        { nameof(ItemAccessibilityException), 403, 403002 },
        { nameof(ItemOwnershipException), 403, 403003 },
        { nameof(ConfigDoesNotAllowException), 403, 403004 },
        { nameof(InsufficientPermissionsException), 403, 403005 },
        { nameof(AdminRequiredException), 403, 403006 },
        { nameof(ConflictException), 409, 409001 },
        { nameof(DeprecatedApiCallException), 410, 410001 },
        { nameof(MethodNotImplementedException), 501, 501001 },
        { nameof(ServiceUnavailableException), 503, 503001 },
    };

    [Theory]
    [MemberData(nameof(Family))]
    public void Each_exception_carries_Galaxy_s_status_and_code(string type, int status, int code)
    {
        var exception = (GalaxyApiException)Activator.CreateInstance(typeof(GalaxyApiException).Assembly.GetType("Galaxy.Api.Toolkit." + type)!, [null])!;

        Assert.Equal(status, exception.Error.Status);
        Assert.Equal(code, exception.Error.Code);
        Assert.Equal(exception.Error.DefaultMessage, exception.Message);
    }

    [Fact]
    public void Every_exception_of_the_family_is_listed()
    {
        var family = typeof(GalaxyApiException).Assembly.GetTypes().Where(static t => t.IsSubclassOf(typeof(GalaxyApiException))).Select(static t => t.Name).Order();

        Assert.Equal(Family.Select(static row => row.Data.Item1).Order(), family);
    }
}
