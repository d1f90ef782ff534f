"""ISO 20022 payment messages: payment orders to the bank, notifications back.

Pure Python on lxml, no Django (like :mod:`heldigital.peppol`); every parse
goes through :mod:`heldigital.xml`. One module per message:

* :mod:`heldigital.iso20022.pain001` writes ``pain.001.001.09``
  (CustomerCreditTransferInitiationV09, ISO 20022 message definition of the
  2019 maintenance release): NOK domestic credit transfers with Norwegian
  account numbers and KID, EUR SEPA credit transfers with IBAN and BIC.
* :mod:`heldigital.iso20022.camt054` reads ``camt.054.001.08``
  (BankToCustomerDebitCreditNotificationV08, same release): the booked
  credit and debit notifications the bank sends back.

Shared pieces - money rounding, account and KID checks - are in
:mod:`heldigital.iso20022.common`. See ``docs/payments.md``.
"""

from heldigital.iso20022.camt054 import (
    CAMT054_NS,
    BookedTransaction,
    Notification,
    read_notification,
)
from heldigital.iso20022.common import (
    MONEY_ROUNDING,
    PaymentError,
    money,
    validate_kid,
)
from heldigital.iso20022.pain001 import (
    PAIN001_NS,
    AlreadyOrdered,
    CreditTransfer,
    Debtor,
    PaymentOrder,
    build_payment_order,
    end_to_end_id,
)

__all__ = [
    "CAMT054_NS",
    "MONEY_ROUNDING",
    "PAIN001_NS",
    "AlreadyOrdered",
    "BookedTransaction",
    "CreditTransfer",
    "Debtor",
    "Notification",
    "PaymentError",
    "PaymentOrder",
    "build_payment_order",
    "end_to_end_id",
    "money",
    "read_notification",
    "validate_kid",
]
