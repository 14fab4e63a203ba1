"""Fund sources (资金来源) and the groups that the tables and the narrative add up."""
from django.db import models


class Source(models.TextChoices):
    GENERAL_BUDGET = "general_budget", "一般公共预算拨款"
    GENERAL_TRANSFER = "general_transfer", "上级一般公共预算安排的转移支付"
    FUND_BUDGET = "fund_budget", "政府性基金预算拨款"
    FUND_TRANSFER = "fund_transfer", "上级政府性基金安排的转移支付"
    STATE_CAPITAL_BUDGET = "state_capital_budget", "国有资本经营预算拨款"
    STATE_CAPITAL_TRANSFER = "state_capital_transfer", "上级国有资本经营预算安排的转移支付"
    SPECIAL_ACCOUNT = "special_account", "财政专户核拨"
    UNIT_BUSINESS = "unit_business", "事业收入"
    UNIT_SUPERIOR = "unit_superior", "上级补助收入"
    UNIT_AFFILIATE = "unit_affiliate", "附属单位上缴收入"
    UNIT_OPERATING = "unit_operating", "事业单位经营收入"
    UNIT_OTHER = "unit_other", "其他收入"
    CARRYOVER_GENERAL = "carryover_general", "上年结转（一般公共预算拨款）"
    CARRYOVER_FUND = "carryover_fund", "上年结转（政府性基金预算拨款）"
    CARRYOVER_STATE_CAPITAL = "carryover_state_capital", "上年结转（国有资本经营预算拨款）"
    BALANCE_SPECIAL_ACCOUNT = "balance_special_account", "上年结余（财政专户核拨）"
    BALANCE_UNIT = "balance_unit", "上年结余（单位资金）"


S = Source
GENERAL = (S.GENERAL_BUDGET, S.GENERAL_TRANSFER)
FUND = (S.FUND_BUDGET, S.FUND_TRANSFER)
STATE_CAPITAL = (S.STATE_CAPITAL_BUDGET, S.STATE_CAPITAL_TRANSFER)
FISCAL = GENERAL + FUND + STATE_CAPITAL
UNIT_FUNDS = (S.UNIT_BUSINESS, S.UNIT_SUPERIOR, S.UNIT_AFFILIATE, S.UNIT_OPERATING, S.UNIT_OTHER)
CARRYOVER = (S.CARRYOVER_GENERAL, S.CARRYOVER_FUND, S.CARRYOVER_STATE_CAPITAL)
BALANCE = (S.BALANCE_SPECIAL_ACCOUNT, S.BALANCE_UNIT)
CARRYOVER_AND_BALANCE = CARRYOVER + BALANCE
THIS_YEAR = FISCAL + (S.SPECIAL_ACCOUNT,) + UNIT_FUNDS

# Economic codes of the 三公 figures (表10).
OVERSEAS = ("30212",)
RECEPTION = ("30217",)
VEHICLE_OPERATION = ("30231",)
VEHICLE_PURCHASE = ("31013", "30913")
# Economic classes of 人员经费; every other class of a basic line is 公用经费.
PERSONNEL_CLASSES = ("301", "303")
