from pandaserver.api.v1.common import generate_response, request_validation
from pandaserver.srvcore.panda_request import PandaRequest

_logger = PandaLogger().getLogger("api_system")


@request_validation(_logger, secure=True, request_method="GET")
def get_attributes(req: PandaRequest, **kwargs: dict) -> dict:
    """
    Get attributes

    Gets all parameters and environment variables.

    API details:
        HTTP Method: GET
        Path: /v1/system/get_attributes

    Args:
        req(PandaRequest): internally generated request object
        **kwargs(dict): arbitrary keyword parameters that will be printed out

    Returns:
        dict: The system response.
    """
    return generate_response(True, str(kwargs))


@request_validation(_logger, secure=False, request_method="GET")
def is_alive(req: PandaRequest) -> dict:
    """
    Is alive

    Check that the server is up.

    API details:
        HTTP Method: GET
        Path: /v1/system/is_alive

    Args:
        req(PandaRequest): internally generated request object

    Returns:
        dict: The system response `{"success": True}`.
    """
    return generate_response(True)
