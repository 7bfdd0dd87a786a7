from typing import List

from pandaserver.api.v1.common import generate_response, request_validation
from pandaserver.srvcore.panda_request import PandaRequest

_logger = PandaLogger().getLogger("api_creds")


@request_validation(_logger, secure=True, request_method="POST")
def set_user_secrets(req: PandaRequest, key: str = None, value: str = None) -> dict:
    """
    Set user secrets

    API details:
        HTTP Method: POST
        Path: /v1/creds/set_user_secrets

    Args:
        req(PandaRequest): internally generated request object
        key(str, optional): name of the secret
        value(str, optional): the secret

    Returns:
        dict: The system response.
    """
    return generate_response(True)


@request_validation(_logger, secure=True, request_method="GET")
def get_user_secrets(req: PandaRequest, keys: List[str] = None) -> dict:
    """
    Get user secrets

    The docstring says POST, but the decorator enforces GET.

    API details:
        HTTP Method: POST
        Path: /v1/creds/get_user_secrets

    Args:
        req(PandaRequest): internally generated request object
        keys(list of str, optional): names of the secrets to return

    Returns:
        dict: The system response with the secrets as a JSON string in the data field.
    """
    return generate_response(True, data="{}")
